package org.hutch.app.live;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.model.receiver.ReceiverStatus;

/**
 * Receives what the {@link LivePoller} finds. Called on the poller's (or the integrator's) thread,
 * never the FX thread: a GUI converts there and hands over with an {@code FxHandoff}.
 */
public interface LiveListener {

    default void connection(ConnectionState state, String message) {
    }

    default void status(ReceiverStatus status) {
    }

    /** A new frame for display (already downsampled as asked). */
    default void frame(LiveFrame frame) {
    }

    /**
     * The same new frame at the best resolution the receiver gives (full, unless a MAX IV receiver's
     * shared factor reduces it: see {@link LiveFrame#downsample()}); only while
     * {@link LivePoller#setFullFramesWanted} is on (ROIs, line cuts).
     */
    default void fullFrame(LiveFrame frame) {
    }

    /**
     * Whether the app should integrate the live frame itself now (asked each poll, when the receiver does not
     * integrate): not while an azint pipeline's curves are shown instead, which would leave the app's unused.
     */
    default boolean appCurveWanted() {
        return true;
    }

    /** A new 1D curve, from the receiver or integrated here. */
    default void curve(AzintCurve curve) {
    }

    /** Integration in the app failed (for example a PONI for another detector); the message says why. */
    default void curveFailed(String message) {
    }
}
