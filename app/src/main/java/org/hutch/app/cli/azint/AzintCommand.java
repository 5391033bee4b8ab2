package org.hutch.app.cli.azint;

import org.hutch.app.cli.ImageReadOptions;
import org.hutch.app.files.ImageFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Normalization;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.curve.RadialUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hutch azint}: offline azimuthal integration of one image to a CSV curve. */
@Command(name = "azint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Azimuthal integration of one image from a pyFAI PONI geometry, written as CSV "
                + "(radial_<unit>,intensity,sigma).",
                "Images: raw little-endian .raw/.raw.gz (shape and dtype from --shape/--dtype or a case.json beside it), "
                        + "TIFF (uncompressed), EDF, CBF (byte-offset), HDF5 (--dataset, --frame; bslz4 chunks too). Invalid pixels (negative, NaN, 0xFFFF/0xFFFFFFFF "
                        + "in unsigned data) are left out like masked ones."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure at run time (unreadable or malformed file)", "2:bad arguments"})
public final class AzintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--poni", required = true, paramLabel = "FILE", description = "pyFAI PONI file (v1, v2 or v2.1)")
    Path poniFile;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "the image to integrate")
    Path imageFile;

    @Mixin
    ImageReadOptions image;

    @Option(names = "--mask", paramLabel = "FILE", description = "mask, 1 (non-zero) = excluded: .u8.gz/.u8 raw, or an image format")
    Path maskFile;

    @Option(names = "--mask-dataset", paramLabel = "PATH", description = "dataset of an HDF5 mask")
    String maskDataset;

    @Option(names = "--bins", defaultValue = "1000", paramLabel = "N", description = "radial bins (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--range", split = ",", paramLabel = "LO,HI", description = "radial range in the unit (default: min..max of the unmasked pixel centres)")
    double[] range;

    @Option(names = "--unit", defaultValue = "q_nm^-1", paramLabel = "UNIT", description = "q_nm^-1, q_A^-1 or 2th_deg (default ${DEFAULT-VALUE})")
    String unit;

    @Option(names = "--split", defaultValue = "full", paramLabel = "full|none|N",
            description = "full = exact pixel splitting (pyFAI 'full'), none = pixel centre, N = N x N sub-pixels (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--no-solid-angle", description = "do not correct for the solid angle")
    boolean noSolidAngle;

    @Option(names = "--normalize", defaultValue = "ratio", paramLabel = "ratio|mean",
            description = "ratio = pyFAI's sum(signal)/sum(solid angle), mean = azint's mean of corrected pixels (default ${DEFAULT-VALUE})")
    String normalize;

    @Option(names = "--polarization", paramLabel = "F", description = "polarisation factor (-1..1), none by default")
    Double polarization;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "output CSV (default: standard output)")
    Path out;

    @Override
    public Integer call() {
        IntegrationSettings settings;
        try {
            settings = settings();
            image.check();
            if (!Files.isRegularFile(poniFile)) {
                throw new IllegalArgumentException("no such PONI file: " + poniFile);
            }
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        try {
            ImageFiles.Image read = image.read(imageFile);
            Poni poni = Poni.read(poniFile);
            Geometry g;
            try {
                g = new Geometry(poni, read.rows(), read.cols());
            } catch (IllegalArgumentException e) {
                return bad(e.getMessage());
            }
            byte[] mask = maskFile == null ? null : ImageFiles.readMask(maskFile, read.rows(), read.cols(), maskDataset);
            Integrator it = Integrator.build(g, mask, settings);
            AzintResult r = it.integrate(FrameView.of(read.data(), read.type()));
            write(r);
            return 0;
        } catch (ImageFiles.BadInput e) {
            return bad(e.getMessage());
        } catch (IOException | IllegalArgumentException e) { // includes a malformed PONI (PoniFormatException)
            spec.commandLine().getErr().println("azint: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private IntegrationSettings settings() {
        if (bins < 1) {
            throw new IllegalArgumentException("--bins must be at least 1, got " + bins);
        }
        if (range != null && (range.length != 2 || !(range[1] > range[0]))) {
            throw new IllegalArgumentException("--range must be LO,HI with HI > LO");
        }
        IntegrationSettings s = IntegrationSettings.defaults(bins)
                .withUnit(RadialUnit.fromName(unit))
                .withSplitting(Splitting.parse(split))
                .withSolidAngle(!noSolidAngle)
                .withNormalization(Normalization.parse(normalize));
        if (range != null) {
            s = s.withRange(range[0], range[1]);
        }
        if (polarization != null) {
            s = s.withPolarization(polarization);
        }
        return s;
    }

    private int bad(String reason) {
        spec.commandLine().getErr().println("azint: " + reason);
        spec.commandLine().getErr().flush();
        return 2;
    }

    private void write(AzintResult r) throws IOException {
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            csv(r, w);
            w.flush();
            return;
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8))) {
            csv(r, w);
        }
    }

    /** Header {@code radial_<unit>,intensity,sigma}, then one row per bin. */
    static void csv(AzintResult r, Appendable w) throws IOException {
        w.append("radial_").append(r.unit().pyfaiName()).append(",intensity,sigma\n");
        for (int k = 0; k < r.radial().length; k++) {
            w.append(Double.toString(r.radial()[k])).append(',')
                    .append(Double.toString(r.intensity()[k])).append(',')
                    .append(Double.toString(r.sigma()[k])).append('\n');
        }
    }
}
