package org.hutch.app.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.pixels.PixelType;

/**
 * Azimuthal integration in the app, for receivers that do not integrate: the PONI and mask the
 * user loaded, q in nm⁻¹. The sparse matrix is built on first use and again when the frame shape,
 * the PONI or the mask change (on the integration thread, never the FX thread).
 */
public final class AppIntegrator implements CurveSource {

    public static final int DEFAULT_BINS = 1000;

    private final Poni poni;
    private final byte[] mask;
    private final IntegrationSettings settings;
    private final boolean adaptShape;
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
        this.poni = poni;
        this.mask = mask;
        this.adaptShape = adaptShape;
        // pixel splitting off: live curves need speed more than the last percent of accuracy
        this.settings = IntegrationSettings.defaults(bins).withSplitting(Splitting.NONE);
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
            if (mask != null && mask.length != frame.pixelCount()) {
                throw new IllegalArgumentException("the mask has " + mask.length + " pixels but the frame "
                        + frame.rows() + "x" + frame.cols() + " has " + frame.pixelCount());
            }
            Poni p = adaptShape ? poni.withShape(frame.rows(), frame.cols()) : poni;
            in = Integrator.build(new Geometry(p, frame.rows(), frame.cols()), mask, settings);
            integrator = in;
        }
        AzintResult r = in.integrate(FrameView.of(frame.pixels(), frame.dtype()));
        return new AzintCurve(frame.frame(), r.unit(), r.radial().clone(), r.intensity().clone(),
                r.sigma() == null ? null : r.sigma().clone());
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
