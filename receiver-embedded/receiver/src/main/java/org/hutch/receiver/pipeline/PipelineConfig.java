package org.hutch.receiver.pipeline;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hutch.azint.IntegrationSettings;
import org.hutch.receiver.azint.AzintSetup;

/**
 * What the azimuthal-integration pipeline integrates and where it writes: the setup (PONI and
 * settings), the static mask, the data directory, the worker threads and the queue.
 *
 * @param setup       geometry and integration settings
 * @param poniText    the PONI file's text as given, kept in the output's provenance
 * @param mask        1 = excluded, row-major over the detector; null for none
 * @param dataDir     where {@code <series>_azint.h5} files go; null writes none
 * @param threads     worker threads, each integrating whole frames over one shared matrix
 * @param queueFrames frames accepted but not yet written; when full, a frame is skipped (and counted), or
 *                    with {@code lossless} the feeding thread waits
 * @param lossless    wait instead of skipping
 * @param version     the Hutch version written into the provenance
 * @param cakeBins    azimuth bins of a cake {@code [frames, azimuth, radial]} written beside the curves, 0 for none
 */
public record PipelineConfig(AzintSetup setup, String poniText, byte[] mask, Path dataDir, int threads, int queueFrames,
                             boolean lossless, String version, int cakeBins) {
    public static final int DEFAULT_QUEUE = 64;
    /** One cake bin per 0.1°: more is no longer a picture, only memory. */
    public static final int MAX_CAKE_BINS = 3600;

    /** Without a cake. */
    public PipelineConfig(AzintSetup setup, String poniText, byte[] mask, Path dataDir, int threads, int queueFrames,
                          boolean lossless, String version) {
        this(setup, poniText, mask, dataDir, threads, queueFrames, lossless, version, 0);
    }

    public PipelineConfig {
        if (setup == null) {
            throw new IllegalArgumentException("the pipeline needs a PONI geometry");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        if (queueFrames < 1) {
            throw new IllegalArgumentException("the queue must hold at least 1 frame, not " + queueFrames);
        }
        if (cakeBins < 0 || cakeBins > MAX_CAKE_BINS) {
            throw new IllegalArgumentException("cake azimuth bins must be 0 (no cake) to " + MAX_CAKE_BINS + ", not "
                    + cakeBins);
        }
        poniText = poniText == null ? setup.poni().format() : poniText;
    }

    /** The same with another setup (and PONI text) and mask, as a configuration change between series makes it. */
    public PipelineConfig with(AzintSetup s, String poni, byte[] m) {
        return new PipelineConfig(s, poni, m, dataDir, threads, queueFrames, lossless, version, cakeBins);
    }

    /** The same with another number of cake azimuth bins (0: no cake). */
    public PipelineConfig withCake(int bins) {
        return new PipelineConfig(setup, poniText, mask, dataDir, threads, queueFrames, lossless, version, bins);
    }

    /** The settings of the cake's integrator: the curves' settings with {@link #cakeBins} azimuth bins. */
    public IntegrationSettings cakeSettings() {
        IntegrationSettings s = setup.settings();
        return s.withBins(s.radialBins(), cakeBins).withErrors(false); // the cake is written without sigma
    }

    /** SHA-256 of the mask bytes (one byte per pixel, 1 = excluded), or "none". */
    public String maskSha256() {
        if (mask == null) {
            return "none";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mask));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** The provenance written under /entry/process of every output file. */
    public Map<String, Object> provenance() {
        IntegrationSettings s = setup.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", "Hutch azimuthal-integration pipeline");
        m.put("version", version);
        m.put("poni", poniText);
        m.put("mask_sha256", maskSha256());
        m.put("unit", s.unit().pyfaiName());
        m.put("bins", s.radialBins());
        m.put("splitting", s.splitting().toString());
        m.put("solid_angle", s.solidAngle());
        m.put("normalization", s.normalization().name().toLowerCase(Locale.ROOT));
        m.put("polarization", Double.isNaN(s.polarizationFactor()) ? "none" : (Object) s.polarizationFactor());
        m.put("errors", s.errors() ? "poisson" : "none");
        if (cakeBins > 0) {
            m.put("cake_azimuth_bins", cakeBins);
        }
        return m;
    }
}
