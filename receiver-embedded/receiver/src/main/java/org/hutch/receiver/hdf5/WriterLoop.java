package org.hutch.receiver.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.hutch.receiver.BoundedQueue;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.receiver.ReceiverState;
import org.hutch.receiver.SeriesAbort;
import org.hutch.receiver.SeriesEndReason;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.codec.Bslz4Codec;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread: takes {@link WriterCommand}s in stream order and keeps one {@link SeriesFile}
 * open per series. Every failure goes to the state with a reason; after a write failure the file
 * is closed at once (what is in it stays readable) and the rest of the series is not written.
 */
public final class WriterLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterLoop.class);
    private static final long FLUSH_NANOS = 2_000_000_000L;

    private final BoundedQueue<WriterCommand> queue;
    private final ReceiverConfig config;
    private final ReceiverState state;
    private volatile boolean stopping;
    private final ReusablePixels pixels = new ReusablePixels();
    private SeriesFile file;
    /** the series' frames are not to be written: no file wanted, or the file failed */
    private boolean skipSeries;
    private long lastFlush = System.nanoTime();
    private boolean dirty;

    public WriterLoop(BoundedQueue<WriterCommand> queue, ReceiverConfig config, ReceiverState state) {
        this.queue = queue;
        this.config = config;
        this.state = state;
    }

    /** Asks the loop to end once the queue is empty. */
    public void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            java.util.List<WriterCommand> batch = new java.util.ArrayList<>(16);
            while (true) {
                batch.clear();
                if (queue.drain(batch, 16, 200) == 0) {
                    if (stopping) {
                        break;
                    }
                    synchronized (H5.LOCK) {
                        flushIfDue();
                    }
                    continue;
                }
                // one command at a time under the lock, so the azint pipeline's file writes interleave
                for (WriterCommand c : batch) {
                    synchronized (H5.LOCK) {
                        handleSafely(c);
                    }
                }
                synchronized (H5.LOCK) {
                    flushIfDue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // an exception that ends the loop goes on to the receiver's thread watch, which reports it
            synchronized (H5.LOCK) {
                closeFile(false, -1);
            }
        }
    }

    /** One command; whatever it throws fails the series (file closed, error reported), never this thread. */
    private void handleSafely(WriterCommand c) {
        try {
            handle(c);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("writer command {} failed", c.getClass().getSimpleName(), e);
            state.fail("the file writer failed (" + e + "); the file was closed with the frames written so far");
            try {
                closeFile(false, -1);
            } catch (RuntimeException | OutOfMemoryError again) {
                LOG.warn("closing after the failure failed too", again);
                file = null;
            }
            skipSeries = true;
            if (c instanceof WriterCommand.Abort a) {
                a.done().complete(new SeriesAbort.Outcome(true, a.seriesId(), null, state.writtenInSeries()));
            } else if (c instanceof WriterCommand.Close cl) {
                state.seriesCutShort(cl.seriesId(), SeriesEndReason.ERROR);
            }
        }
    }

    void handle(WriterCommand c) {
        if (c instanceof WriterCommand.Open o) {
            open(o.start(), o.seriesId());
        } else if (c instanceof WriterCommand.Write w) {
            write(w.frame(), w.seriesId());
        } else if (c instanceof WriterCommand.Close cl) {
            if (!cl.complete()) {
                markIncomplete(cl.end());
            }
            closeFile(cl.complete(), cl.seriesId());
            if (!cl.complete()) {
                state.seriesCutShort(cl.seriesId(), cl.end());
            }
        } else if (c instanceof WriterCommand.Abort a) {
            abort(a);
        }
    }

    /** Closes the aborted series' file marked incomplete, then answers the request with what is on disk. */
    private void abort(WriterCommand.Abort a) {
        try {
            markIncomplete(SeriesEndReason.ABORTED);
            closeFile(false, -1);
            state.seriesAborted(a.seriesId());
        } finally {
            ReceiverStatus s = state.snapshot();
            boolean same = s.series() != null && s.series().id() == a.seriesId();
            a.done().complete(new SeriesAbort.Outcome(true, a.seriesId(), same ? s.series().filename() : null,
                    same ? s.series().written() : 0));
        }
    }

    /** NeXus entry attributes saying the series did not end with series_end, and why. */
    private void markIncomplete(SeriesEndReason why) {
        if (file == null) {
            return;
        }
        try {
            file.markIncomplete(why.wireName());
        } catch (Hdf5Exception e) {
            LOG.warn("cannot mark {} incomplete: {}", file.path(), e.getMessage());
        }
    }

    private void open(SeriesStart start, long seriesId) {
        closeFile(false, -1);
        skipSeries = false;
        if (start.noSave()) {
            LOG.info("series {}: no file (empty file name or save_raw false)", seriesId);
            skipSeries = true;
            return;
        }
        Path path;
        try {
            path = FileNames.resolve(config.dataDir(), start.filename(), seriesId);
        } catch (IllegalArgumentException e) {
            state.fail("series " + seriesId + ": " + e.getMessage());
            skipSeries = true;
            return;
        }
        try {
            file = SeriesFile.open(path, config.onExists(), config.dsetName(), start.metadata());
            state.fileOpened(seriesId, path.toString());
            LOG.info("series {}: writing {}", seriesId, path);
            if (!file.metadataProblems().isEmpty()) {
                state.fail("series " + seriesId + ": header metadata not written (" + String.join("; ",
                        file.metadataProblems()) + "); the frames are written");
            }
        } catch (IOException | RuntimeException e) {
            state.fail("series " + seriesId + ": " + e.getMessage());
            skipSeries = true;
        }
    }

    /** Writes the frame and gives its blob's memory back: the writer is the last to need it. */
    private void write(Frame f, long seriesId) {
        try {
            writeChunk(f, seriesId);
        } finally {
            f.owner().release();
        }
    }

    private void writeChunk(Frame f, long seriesId) {
        if (skipSeries || file == null) {
            return;
        }
        try {
            boolean bslz4 = f.compression() == Compression.BSLZ4;
            file.prepare(f.dtype(), f.rows(), f.cols(), bslz4);
            if (bslz4 && file.filtered()) {
                file.write(f.frame(), Bslz4Codec.withHeader(f.blob(), f.dtype().bytes(), f.rawBytes()), true);
            } else if (f.compression() == Compression.NONE) {
                file.write(f.frame(), f.blob(), false);
            } else {
                // lz4, or bslz4 into a dataset the first (raw) frame made unfiltered
                ByteBuffer raw = pixels.decode(f);
                file.write(f.frame(), raw, false);
            }
            state.frameWritten(seriesId);
            dirty = true;
        } catch (StreamFormatException | IllegalArgumentException | IllegalStateException e) {
            // this frame only: the series goes on
            state.fail(e.getMessage());
            state.framesLost(1);
        } catch (Hdf5Exception e) {
            state.fail(e.getMessage() + "; the file was closed with the frames written so far");
            closeFile(false, -1);
            skipSeries = true;
        }
    }

    private void flushIfDue() {
        if (file != null && dirty && System.nanoTime() - lastFlush > FLUSH_NANOS) {
            try {
                file.flush();
            } catch (Hdf5Exception e) {
                LOG.warn("flush of {} failed: {}", file.path(), e.getMessage());
            }
            dirty = false;
            lastFlush = System.nanoTime();
        }
    }

    private void closeFile(boolean complete, long seriesId) {
        if (file != null) {
            SeriesFile f = file;
            file = null;
            try {
                f.close();
                LOG.info("closed {} ({} frames)", f.path(), f.frames());
            } catch (Hdf5Exception e) {
                state.fail(e.getMessage());
            }
        }
        dirty = false;
        if (complete) {
            state.seriesFinished(seriesId);
        }
    }
}
