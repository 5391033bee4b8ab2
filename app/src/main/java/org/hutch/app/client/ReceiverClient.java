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

    /**
     * Ends the receiver's open series at once ({@code POST /api/v1/series/abort}): its file is closed, readable and
     * marked incomplete, the frames already written stay. For a series whose detector sends no series end (Abort,
     * a detector lost mid-series). A receiver without the call answers {@link SeriesAbortReply.Outcome#NOT_SUPPORTED}
     * and closes the file when its own series timeout passes.
     *
     * @throws ReceiverException when the receiver cannot be reached or refuses (a missing or wrong token)
     */
    default SeriesAbortReply abortSeries() throws ReceiverException {
        return SeriesAbortReply.notSupported("the receiver at " + baseUrl() + " (" + layer().label()
                + ") cannot end a series on request; it closes the file when its series times out");
    }

    @Override
    void close();
}
