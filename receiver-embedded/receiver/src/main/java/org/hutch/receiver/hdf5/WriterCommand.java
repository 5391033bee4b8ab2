package org.hutch.receiver.hdf5;

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
     * @param complete true after series_end; false when the series was cut short (the state already says why)
     */
    record Close(boolean complete, long seriesId) implements WriterCommand {
    }
}
