package org.hutch.app.live;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;

/** Integrates a full-resolution frame in the app, for receivers that do not integrate themselves. */
public interface CurveSource {

    /** Whether a geometry is loaded (otherwise no curve can be made). */
    boolean ready();

    /** Integrates {@code frame}; may be slow, runs on a background thread. */
    AzintCurve integrate(LiveFrame frame) throws Exception;
}
