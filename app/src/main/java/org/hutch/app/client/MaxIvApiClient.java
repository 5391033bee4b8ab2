package org.hutch.app.client;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.receiver.ReceiverStatus;

/**
 * Client of a MAX IV streaming-receiver (the API layer without {@code /api/v1}): {@code /status},
 * {@code /received_frames}, {@code /downsample} and the pickled {@code /last_frame}.
 * <p>
 * Its downsample factor is shared by every viewer of that receiver, so this client never changes
 * it on its own: it downloads what the receiver serves and reduces here ({@link LiveFrame#reduced}).
 * Only {@link #setSharedDownsample(int)}, on the user's explicit request, posts a new factor.
 * There is no ETag: the frame is fetched only when {@code /received_frames} moved since the last one.
 */
final class MaxIvApiClient implements ReceiverClient {

    private final HttpTransport http;

    MaxIvApiClient(HttpTransport http) {
        this.http = http;
    }

    /** Checks that a {@code /status} answer looks like MAX IV's ({@code {"state": ...}}). */
    static void checkStatus(JsonNode status, String baseUrl) throws ReceiverException {
        if (!status.hasNonNull("state")) {
            throw new ReceiverException(baseUrl + "/status answered JSON without a 'state': is this a receiver URL?");
        }
    }

    /** /received_frames as status() read it, until lastFrame() takes it (the poller calls both in turn) */
    private Long receivedThisPoll;
    private long lastCount;
    private long lastCountNanos;

    @Override
    public String baseUrl() {
        return http.baseUrl();
    }

    @Override
    public ApiLayer layer() {
        return ApiLayer.MAXIV;
    }

    @Override
    public ReceiverStatus status() throws ReceiverException {
        JsonNode s = http.json(http.get("/status"), "/status");
        checkStatus(s, baseUrl());
        long received = receivedFrames();
        long now = System.nanoTime();
        receivedThisPoll = received;
        // the receiver reports no rate: the count's change since the last poll gives it (none after a
        // series header reset the count, nor on the first poll)
        double fps = lastCountNanos != 0 && received >= lastCount && now > lastCountNanos
                ? (received - lastCount) * 1e9 / (now - lastCountNanos) : Double.NaN;
        lastCount = received;
        lastCountNanos = now;
        // MAX IV's receiver tells its state, error and the frames received; the rest is unknown
        return new ReceiverStatus(ReceiverStatus.State.fromWireName(s.get("state").asText()),
                s.hasNonNull("error") ? s.get("error").asText() : null, null,
                new ReceiverStatus.Series(-1, null, null, received, -1, -1, null),
                fps, Double.NaN, Double.NaN, -1, -1, -1, -1, -1, -1, -1, -1, null);
    }

    private long receivedFrames() throws ReceiverException {
        return http.json(http.get("/received_frames"), "/received_frames").path("value").asLong(0);
    }

    /** The receiver's shared downsample factor (what every viewer of it gets). */
    public int sharedDownsample() throws ReceiverException {
        return http.json(http.get("/downsample"), "/downsample").path("value").asInt(1);
    }

    /** Changes the shared factor for every viewer of this receiver: only on the user's explicit request. */
    public int setSharedDownsample(int factor) throws ReceiverException {
        if (factor < 1) {
            throw new ReceiverException("downsample factor must be 1 or more, not " + factor);
        }
        return http.json(http.post("/downsample", Map.of("value", Integer.toString(factor))), "/downsample")
                .path("value").asInt(factor);
    }

    @Override
    public FrameResult lastFrame(int downsample, BlockReduction reduce, String previousTag) throws ReceiverException {
        // MAX IV resets received_frames at each series header: together with the frame number in the
        // tag this tells whether anything new arrived, without downloading the frame
        // the count status() just read, so one poll asks for /received_frames once
        Long fromStatus = receivedThisPoll;
        receivedThisPoll = null;
        long received = fromStatus != null ? fromStatus : receivedFrames();
        if (previousTag != null && previousTag.startsWith("maxiv:" + received + ":")) {
            return FrameResult.unchanged(previousTag);
        }
        HttpTransport.Reply r = http.get("/last_frame");
        if (r.code() != 200) {
            throw http.httpError(r, "/last_frame");
        }
        MaxIvLastFrame.Decoded d;
        try {
            d = MaxIvLastFrame.decode(r.body());
        } catch (ReceiverException e) {
            throw new ReceiverException(baseUrl() + "/last_frame: " + e.getMessage(), e);
        }
        if (d == null) {
            return FrameResult.none();
        }
        LiveFrame f = d.frame();
        if (d.reducedByReceiver()) {
            int shared = sharedDownsample();
            f = new LiveFrame(f.series(), f.frame(), f.rows(), f.cols(), f.dtype(), f.pixels(), shared);
        }
        String tag = "maxiv:" + received + ":" + f.frame();
        if (tag.equals(previousTag)) {
            return FrameResult.unchanged(tag);
        }
        // the receiver may already have reduced it by its shared factor: reduce only what is left
        int left = Math.max(1, downsample / Math.max(1, f.downsample()));
        return FrameResult.of(f.reduced(left, reduce), tag);
    }

    @Override
    public Optional<AzintCurve> lastCurve() {
        return Optional.empty();
    }

    @Override
    public boolean supportsAzint() {
        return false;
    }

    @Override
    public void close() {
        http.close();
    }
}
