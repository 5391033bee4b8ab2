package org.hutch.receiver.http;

import java.time.Instant;
import java.util.Locale;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.receiver.ReceiverState;

/** {@code /metrics} in the Prometheus text exposition format (version 0.0.4). */
final class MetricsText {
    private final ReceiverState state;
    private final java.util.function.LongSupplier downloadsRefused;

    MetricsText(ReceiverState state, java.util.function.LongSupplier downloadsRefused) {
        this.state = state;
        this.downloadsRefused = downloadsRefused;
    }

    String render() {
        ReceiverStatus s = state.snapshot();
        StringBuilder b = new StringBuilder(2048);
        counter(b, "hutch_receiver_frames_received_total", "Frames received since start", s.totalReceived());
        counter(b, "hutch_receiver_frames_written_total", "Frames written to files since start", s.totalWritten());
        counter(b, "hutch_receiver_frames_lost_total", "Frames known missing (gaps, refused, without header)", s.lost());
        counter(b, "hutch_receiver_duplicates_total", "Messages dropped because their position was taken", s.duplicates());
        counter(b, "hutch_receiver_bytes_received_total", "Blob bytes received since start", s.totalBytes());
        counter(b, "hutch_receiver_forwarded_total", "Messages re-emitted by the forwarder", state.forwarded().get());
        counter(b, "hutch_receiver_forward_failed_total", "Messages the forwarder could not send in time",
                state.forwardFailed().get());
        counter(b, "hutch_receiver_dropped_after_abort_total",
                "Messages of aborted series that arrived after the abort and were dropped", state.droppedAfterAbortCount());
        counter(b, "hutch_receiver_thread_deaths_total", "Receiver threads that died (restart the receiver)",
                state.deadThreads().size());
        counter(b, "hutch_receiver_downloads_refused_total",
                "Frame downloads answered 503 because too many were being sent", downloadsRefused.getAsLong());
        gauge(b, "hutch_receiver_queue_frames", "Frames waiting between the workers and the file", s.queueFrames());
        gauge(b, "hutch_receiver_queue_bytes", "Blob bytes waiting between the workers and the file", s.queueBytes());
        gauge(b, "hutch_receiver_fps", "Frames per second over the last seconds", s.fps());
        gauge(b, "hutch_receiver_bytes_per_second", "Blob bytes per second over the last seconds", s.bytesPerSecond());
        gauge(b, "hutch_receiver_series_received", "Frames received in the current series",
                s.series() == null ? 0 : s.series().received());
        gauge(b, "hutch_receiver_series_written", "Frames written in the current series",
                s.series() == null ? 0 : s.series().written());
        b.append("# HELP hutch_receiver_state Receiver state (1 for the current one)\n");
        b.append("# TYPE hutch_receiver_state gauge\n");
        for (ReceiverStatus.State st : ReceiverStatus.State.values()) {
            if (st == ReceiverStatus.State.UNKNOWN) {
                continue; // only clients meet a state they do not know
            }
            b.append("hutch_receiver_state{state=\"").append(st.wireName()).append("\"} ")
                    .append(st == s.state() ? 1 : 0).append('\n');
        }
        Instant last = state.lastErrorTime();
        // written with millisecond digits: %g would round a Unix time to 10^4 s
        b.append("# HELP hutch_receiver_last_error_timestamp_seconds Unix time of the last error (0: none)\n");
        b.append("# TYPE hutch_receiver_last_error_timestamp_seconds gauge\n");
        b.append("hutch_receiver_last_error_timestamp_seconds ").append(last == null ? "0"
                : java.math.BigDecimal.valueOf(last.toEpochMilli(), 3).toPlainString()).append('\n');
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v)).append('\n');
    }
}
