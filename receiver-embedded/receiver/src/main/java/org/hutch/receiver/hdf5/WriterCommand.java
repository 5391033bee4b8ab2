package org.hutch.receiver.hdf5;

import java.util.concurrent.CompletableFuture;
import org.hutch.receiver.SeriesAbort;
import org.hutch.receiver.SeriesEndReason;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesStart;

/** What the collector asks the writer thread to do, in stream order. */
public sealed interface WriterCommand {

    /** A series begins: open its file (or decide not to save). */
    record Open(SeriesStart start, long seriesId) implements WriterCommand {
    }

    /** Store one frame at its position. */
    record Write(Frame frame, long seriesId) implements WriterCommand {
    }

    /**
     * The series is over: close the file.
     *
     * @param end {@link SeriesEndReason#COMPLETE} after series_end; else how the series was cut short (the state
     *            already says why), and the file is marked incomplete
     */
    record Close(SeriesEndReason end, long seriesId) implements WriterCommand {
        public boolean complete() {
            return end == SeriesEndReason.COMPLETE;
        }
    }

    /** The series was aborted on request: close the file marked incomplete, then answer {@code done}. */
    record Abort(long seriesId, CompletableFuture<SeriesAbort.Outcome> done) implements WriterCommand {
    }
}
