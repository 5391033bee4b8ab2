package org.hutch.app.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.corrections.Corrections;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;

/**
 * Azimuthal integration in the app, for receivers that do not integrate: the PONI and mask the
 * user loaded, in the radial unit on screen, of the frame corrected by the dark and flat in force,
 * less the background curve. The sparse matrix is built on first use and again when
 * the frame shape, the PONI or the mask change (on the integration thread, never the FX thread). A
 * frame the receiver already binned (MAX IV's shared downsample factor f: f x f block means) is
 * integrated with the geometry binned alike: pixels f times larger, shape divided by f, and a binned
 * pixel masked when any pixel of its block is.
 */
public final class AppIntegrator implements CurveSource {

    public static final int DEFAULT_BINS = 1000;

    private final Poni poni;
    private final byte[] mask;
    private final IntegrationSettings settings;
    private final boolean adaptShape;
    private final Supplier<Corrections> corrections;
    private Integrator integrator; // integration thread only
    private volatile CompletableFuture<Integrator> prepared;

    /**
     * @param poni geometry
     * @param mask 1 = excluded, row-major, or {@code null}
     * @param bins radial bins
     * @param adaptShape take the PONI for any frame shape (the simulator's built-in geometry, which the
     *                   simulator itself applies to whatever shape it is asked for); otherwise a frame of
     *                   another shape than the PONI's is an error
     */
    public AppIntegrator(Poni poni, byte[] mask, int bins, boolean adaptShape) {
        this(poni, mask, bins, adaptShape, RadialUnit.Q_NM);
    }

    /** @param unit the radial unit of the curves (2&theta; needs the PONI's wavelength, as q does) */
    public AppIntegrator(Poni poni, byte[] mask, int bins, boolean adaptShape, RadialUnit unit) {
        this(poni, mask, bins, 0, adaptShape, unit);
    }

    /** @param azimuthBins 0 for curves, otherwise the &chi; bins of a cake ({@link #integrateResult}) */
    public AppIntegrator(Poni poni, byte[] mask, int bins, int azimuthBins, boolean adaptShape, RadialUnit unit) {
        this(poni, mask, bins, azimuthBins, adaptShape, unit, () -> Corrections.NONE);
    }

    /** @param corrections the dark, flat and background in force, asked at each frame */
    public AppIntegrator(Poni poni, byte[] mask, int bins, boolean adaptShape, RadialUnit unit,
                         Supplier<Corrections> corrections) {
        this(poni, mask, bins, 0, adaptShape, unit, corrections);
    }

    private AppIntegrator(Poni poni, byte[] mask, int bins, int azimuthBins, boolean adaptShape, RadialUnit unit,
                          Supplier<Corrections> corrections) {
        this.corrections = corrections;
        this.poni = poni;
        this.mask = mask;
        this.adaptShape = adaptShape;
        // a cake's cells get few pixels each: without splitting many stay empty (a speckled picture)
        this.settings = azimuthBins > 0 ? curveSettings(bins, unit).withSplitting(Splitting.FULL).withBins(bins, azimuthBins)
                : curveSettings(bins, unit);
    }

    /**
     * The settings of the app's live curves, which lab mode's azint pipeline is given too so that its
     * curves equal these: no pixel splitting (live curves need speed more than the last percent of accuracy).
     */
    public static IntegrationSettings curveSettings(int bins, RadialUnit unit) {
        return IntegrationSettings.defaults(bins).withSplitting(Splitting.NONE).withUnit(unit).withBins(bins, 0);
    }

    public Poni poni() {
        return poni;
    }

    /**
     * Builds the matrix for the PONI's own detector shape now, in the background, so the first live
     * curve does not wait for it (nor compete with the first frame's display). No-op without a shape.
     */
    public AppIntegrator prepareAhead() {
        if (poni.hasShape() && (mask == null || mask.length == poni.rows() * poni.cols())) {
            prepared = Integrator.buildAsync(new Geometry(poni), mask, settings);
        }
        return this;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public AzintCurve integrate(LiveFrame frame) {
        Corrections c = corrections.get();
        AzintResult r = integrateResult(frame, c);
        // the Poisson sigma of counts does not hold for a corrected image (its values may be negative)
        return c.subtractBackground(new AzintCurve(frame.frame(), r.unit(), r.radial(), r.intensity(),
                c.correctsImage() ? null : r.sigma()));
    }

    /** Integrates {@code frame} (a curve, or a cake with azimuth bins); the result is this call's own. */
    public AzintResult integrateResult(LiveFrame frame) {
        return integrateResult(frame, corrections.get());
    }

    private AzintResult integrateResult(LiveFrame frame, Corrections c) {
        Integrator in = integrator;
        CompletableFuture<Integrator> ahead = prepared;
        if (in == null && ahead != null && poni.rows() == frame.rows() && poni.cols() == frame.cols()) {
            prepared = null;
            try {
                in = ahead.join();
                integrator = in;
            } catch (RuntimeException e) {
                in = null; // built again below, where the error reaches the caller
            }
        }
        if (in == null || in.geometry().rows() != frame.rows() || in.geometry().cols() != frame.cols()) {
            int f = adaptShape ? 1 : Math.max(1, frame.downsample());
            Poni p = adaptShape ? poni.withShape(frame.rows(), frame.cols()) : binned(poni, f);
            byte[] m = f > 1 && mask != null && poni.hasShape() ? binnedMask(mask, poni.rows(), poni.cols(), f) : mask;
            if (m != null && m.length != frame.pixelCount()) {
                throw new IllegalArgumentException("the mask has " + m.length + " pixels but the frame "
                        + frame.rows() + "x" + frame.cols() + " has " + frame.pixelCount());
            }
            in = Integrator.build(new Geometry(p, frame.rows(), frame.cols()), m, settings);
            integrator = in;
        }
        return in.integrate(c.correctsImage() ? FrameView.ofCorrected(c.correct(frame))
                : FrameView.of(frame.pixels(), frame.dtype())).copy();
    }

    /** The geometry of a detector whose f x f pixel blocks are read as one pixel (f = 1: {@code p} itself). */
    static Poni binned(Poni p, int f) {
        if (f == 1) {
            return p;
        }
        return new Poni(Poni.GENERIC, p.pixel1() * f, p.pixel2() * f, p.rows() / f, p.cols() / f, p.dist(),
                p.poni1(), p.poni2(), p.rot1(), p.rot2(), p.rot3(), p.wavelength());
    }

    /** A mask of f x f blocks (the rest cut off, as the receiver cuts it): masked when any of its pixels is. */
    static byte[] binnedMask(byte[] mask, int rows, int cols, int f) {
        int r = rows / f;
        int c = cols / f;
        byte[] out = new byte[r * c];
        for (int i = 0; i < r * f; i++) {
            for (int j = 0; j < c * f; j++) {
                if (mask[i * cols + j] != 0) {
                    out[(i / f) * c + j / f] = 1;
                }
            }
        }
        return out;
    }

    /**
     * Reads a mask: raw bytes, one per pixel, 1 = excluded ({@code .u8}, {@code .raw}, optionally gzipped),
     * as {@code hutch azint --mask} takes them.
     */
    public static byte[] readMask(Path file, int rows, int cols) throws IOException {
        byte[] b;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            b = in.readAllBytes();
        }
        if (b.length != rows * cols) {
            throw new IOException("mask " + file.getFileName() + " has " + b.length + " bytes but the detector has "
                    + rows + " x " + cols + " = " + rows * cols + " pixels (expected one byte per pixel, 1 = masked)");
        }
        return b;
    }
}
