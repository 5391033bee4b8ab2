package org.hutch.app.client;

import java.util.Optional;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.receiver.ReceiverStatus;

/**
 * The app's view of a stream receiver over HTTP, whichever API layer it speaks. Every method
 * blocks on the network (bounded by the client's timeouts): never call it on the FX thread.
 * Open one with {@link ReceiverClients#connect}.
 */
public interface ReceiverClient extends AutoCloseable {

    /** The base URL, for example {@code http://127.0.0.1:5000}. */
    String baseUrl();

    ApiLayer layer();

    ReceiverStatus status() throws ReceiverException;

    /**
     * The latest frame, reduced to {@code downsample} x {@code downsample} blocks (on the receiver
     * when it can do it per request, otherwise here). {@code previousTag} is the tag of the frame
     * the caller already has (or {@code null}); an unchanged frame then costs no download where the
     * receiver supports it.
     */
    FrameResult lastFrame(int downsample, BlockReduction reduce, String previousTag) throws ReceiverException;

    /** The receiver's latest 1D curve, or empty if it does not integrate (or speaks only MAX IV's API). */
    Optional<AzintCurve> lastCurve() throws ReceiverException;

    /** Whether {@link #lastCurve()} can ever give a curve. */
    boolean supportsAzint();

    @Override
    void close();
}
