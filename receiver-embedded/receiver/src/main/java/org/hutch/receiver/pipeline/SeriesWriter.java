package org.hutch.receiver.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.hutch.azint.AzintResult;
import org.hutch.model.curve.RadialUnit;
import org.hutch.receiver.hdf5.AzintFile;
import org.hutch.receiver.pipeline.AzintPipeline.SeriesInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's output files, on the writer thread: one {@link AzintFile} per series, opened at the
 * series' first integrated frame (the radial axis is known then), flushed at least every second, and
 * closed at the series' end, on abort and when the pipeline stops. A file that fails is closed at once
 * (what is in it stays readable) and the series goes on without one; curves are still published.
 */
final class SeriesWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesWriter.class);
    /** SWMR readers see rows at most this late */
    static final long FLUSH_NANOS = 1_000_000_000L;
    static final int FLUSH_ROWS = 64;
    /** rows wait for a flush at most this many bytes (a 360 x 1000 cake row is 1.4 MB) */
    private static final long FLUSH_BYTES = 16L << 20;

    private final PipelineCounters counters;
    private SeriesInfo series;
    private AzintFile file;
    private boolean noFile;
    private long rows;
    private long lastFlush;
    private volatile Path currentFile;
    /** the cakes the file has been given and not yet written: their arrays are not reused until then */
    private final java.util.List<Cake> heldCakes = new java.util.ArrayList<>();

    SeriesWriter(PipelineCounters counters) {
        this.counters = counters;
    }

    void start(SeriesInfo s) {
        end(false);
        series = s;
        rows = 0;
        noFile = s.config().dataDir() == null || (s.start() != null && s.start().noSave());
    }

    /**
     * @param cake the frame's cake when the series has one, else null
     * @return the frame's row in the series' output
     */
    long frame(long frameNumber, AzintResult r, Cake cake, SeriesInfo s) {
        if (series != s) {
            start(s);
        }
        if (file == null && !noFile) {
            open(r, cake);
        }
        if (file != null) {
            try {
                if (file.hasCake()) {
                    file.append(frameNumber, r.intensity(), r.sigma(), cake.intensity());
                    heldCakes.add(cake.retain());
                } else {
                    file.append(frameNumber, r.intensity(), r.sigma());
                }
                if (file.pending() >= FLUSH_ROWS || file.pendingBytes() >= FLUSH_BYTES) {
                    flush();
                }
            } catch (RuntimeException e) {
                fail("writing " + file.path() + ": " + e.getMessage());
            }
        }
        return rows++;
    }

    private void open(AzintResult r, Cake cake) {
        Path p = SeriesNames.output(series.config().dataDir(), series.name());
        RadialUnit u = r.unit();
        try {
            file = AzintFile.create(p, r.radial(), nexusUnits(u), u.pyfaiName(), r.sigma() != null,
                    series.config().provenance(), cake == null ? null : cake.radial(), cake == null ? null : cake.azimuth());
            currentFile = p;
            counters.file(p.toString());
            lastFlush = System.nanoTime();
            LOG.info("series {}: writing integrated frames to {}", series.name(), p);
        } catch (IOException | RuntimeException e) {
            noFile = true;
            counters.error("series " + series.name() + ": no azint file: " + e.getMessage());
            LOG.error("series {}: cannot write {}: {}", series.name(), p, e.getMessage());
        }
    }

    /** The units attribute NeXus readers (silx, nexpy) understand. */
    static String nexusUnits(RadialUnit u) {
        return switch (u) {
            case Q_NM -> "1/nm";
            case Q_A -> "1/angstrom";
            case TTH_DEG -> "degree";
        };
    }

    void flushIfDue() {
        if (file != null && System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    private void flush() {
        try {
            file.flush();
            lastFlush = System.nanoTime();
        } catch (RuntimeException e) {
            fail("flushing " + file.path() + ": " + e.getMessage());
        } finally {
            releaseCakes();
        }
    }

    /** The file has written its rows (or is closed): their cakes' arrays may be reused. */
    private void releaseCakes() {
        heldCakes.forEach(Cake::release);
        heldCakes.clear();
    }

    private void fail(String why) {
        counters.error(why);
        LOG.error("azint pipeline: {}; the rest of the series is not written", why);
        AzintFile f = file;
        file = null;
        noFile = true;
        try {
            f.close();
        } catch (RuntimeException e) {
            LOG.debug("closing after a failure: {}", e.toString());
        } finally {
            releaseCakes();
        }
    }

    /** Closes the series' file (complete or not: it holds every row integrated so far). */
    void end(boolean complete) {
        if (file != null) {
            try {
                file.close();
                LOG.info("series {}: {} integrated frames in {}{}", series.name(), file.frames(), file.path(),
                        complete ? "" : " (series incomplete)");
            } catch (RuntimeException e) {
                counters.error("closing " + file.path() + ": " + e.getMessage());
                LOG.error("closing {}: {}", file.path(), e.getMessage());
            } finally {
                releaseCakes();
            }
            file = null;
        }
        series = null;
        currentFile = null;
    }

    Path currentFile() {
        return currentFile;
    }
}
