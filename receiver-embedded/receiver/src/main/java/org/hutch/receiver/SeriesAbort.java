package org.hutch.receiver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests to abort the open series ({@code POST /api/v1/series/abort}), handed from HTTP threads to
 * the collector, which owns the series. Each request is answered once the writer has closed the file
 * (or at once when no series is open).
 */
public final class SeriesAbort {

    /**
     * What an abort did.
     *
     * @param aborted  false when no series was open
     * @param series   the aborted series' id, as {@code /api/v1/status} numbers it (-1 when none)
     * @param filename its file, or null when nothing was saved
     * @param written  frames of it on disk
     */
    public record Outcome(boolean aborted, long series, String filename, long written) {
        static final Outcome NONE = new Outcome(false, -1, null, 0);
    }

    private final ConcurrentLinkedQueue<CompletableFuture<Outcome>> pending = new ConcurrentLinkedQueue<>();

    /** Asks for the open series to be aborted; completes when it is (or at once if none is open). */
    public CompletableFuture<Outcome> request() {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    }

    /** The next request, or null; the collector calls this. */
    public CompletableFuture<Outcome> poll() {
        return pending.poll();
    }

    /** Answers a request: nothing was open. */
    public static void nothingOpen(CompletableFuture<Outcome> request) {
        request.complete(Outcome.NONE);
    }
}
