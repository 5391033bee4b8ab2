package org.hutch.app.session;

import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.live.LiveListener;

/** Everything a running {@link Session} reports; called on background threads. */
public interface SessionEvents extends LiveListener, AcquisitionListener {

    /** The session is up: the receiver answers (or is being polled) and the detector, if any, is open. */
    default void started(Session session) {
    }

    /** Start-up failed; the message says why and what to do. */
    default void startFailed(String message) {
    }
}
