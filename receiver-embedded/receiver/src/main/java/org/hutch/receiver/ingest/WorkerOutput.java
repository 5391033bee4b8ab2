package org.hutch.receiver.ingest;

import org.hutch.receiver.collect.Arrival;

/**
 * What a worker hands the collector: an arrival with its position, or a message that could not be
 * read at all (no position known; the collector reports it and the gap it leaves is found later).
 *
 * @param arrival     the arrival, or null
 * @param unreadable  the reason, when {@code arrival} is null
 */
public record WorkerOutput(Arrival arrival, String unreadable) {

    public static WorkerOutput of(Arrival a) {
        return new WorkerOutput(a, null);
    }

    public static WorkerOutput unreadable(String reason) {
        return new WorkerOutput(null, reason);
    }

    public long bytes() {
        return arrival == null ? 0 : arrival.bytes();
    }
}
