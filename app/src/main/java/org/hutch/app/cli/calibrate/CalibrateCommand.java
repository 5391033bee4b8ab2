package org.hutch.app.cli.calibrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hutch.app.cli.ImageReadOptions;
import org.hutch.app.files.ImageFiles;
import org.hutch.azint.FrameView;
import org.hutch.azint.Poni;
import org.hutch.azint.calibration.Calibrant;
import org.hutch.azint.calibration.CalibrationImage;
import org.hutch.azint.calibration.Calibrator;
import org.hutch.azint.calibration.DetectorLayout;
import org.hutch.azint.calibration.Param;
import org.hutch.azint.calibration.PoniFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hutch calibrate}: the detector geometry from a calibrant image, written as a pyFAI PONI file. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Calibrate the detector geometry from an image of a calibrant powder: find the rings from a first guess, "
                + "refine dist, poni1, poni2, rot1, rot2 (and on request rot3, wavelength) by least squares of the 2θ residuals, "
                + "and write a pyFAI PONI v2 file.",
                "Images as for 'hutch azint' (raw with case.json or --shape/--dtype, TIFF, EDF, CBF, HDF5)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:calibration failed (too few rings found, unreadable file)", "2:bad arguments"})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "the calibrant image")
    Path imageFile;

    @Option(names = "--calibrant", required = true, paramLabel = "NAME|FILE.D",
            description = "CeO2, LaB6, Si, Al2O3, Cr2O3, AgBh, Au, or a pyFAI .D file of d-spacings (Å)")
    String calibrant;

    static final class Beam {
        @Option(names = "--wavelength", paramLabel = "Å", description = "X-ray wavelength in ångström")
        Double wavelength;

        @Option(names = "--energy", paramLabel = "keV", description = "X-ray energy in keV")
        Double energy;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Beam beam;

    @Option(names = "--detector", paramLabel = "NAME", description = "Pilatus1M, Eiger2_4M, ... (see the README); module gaps are masked")
    String detector;

    @Option(names = "--pixel", paramLabel = "UM", description = "pixel size in µm of a generic detector (with --shape or the image's shape)")
    Double pixel;

    @Mixin
    ImageReadOptions image;

    @Option(names = "--mask", paramLabel = "FILE", description = "mask, non-zero = excluded")
    Path maskFile;

    @Option(names = "--guess", paramLabel = "FILE.poni", description = "first guess of the geometry (its wavelength is used unless given)")
    Path guessFile;

    @Option(names = "--distance", paramLabel = "MM", description = "first guess of the distance without --guess (mm)")
    Double distanceMm;

    @Option(names = "--beam-centre", split = ",", paramLabel = "ROW,COL",
            description = "first guess of the beam centre in pixels without --guess (default: the image centre)")
    double[] beamCentre;

    @Option(names = "--fix", split = ",", paramLabel = "P", description = "parameters to hold: dist, poni1, poni2, rot1, rot2")
    List<String> fix = List.of();

    @Option(names = "--refine", split = ",", paramLabel = "P", description = "also refine: rot3, wavelength")
    List<String> refine = List.of();

    @Option(names = "--no-search", description = "skip the coarse search of beam centre and distance (the guess is within a few pixels)")
    boolean noSearch;

    @Option(names = "--out", required = true, paramLabel = "FILE.poni", description = "the PONI file to write")
    Path out;

    @Override
    public Integer call() {
        Calibrant cal;
        Set<Param> free;
        try {
            cal = Calibrant.resolve(calibrant);
            free = free();
            image.checkShape();
            if (detector != null && pixel != null) {
                throw new IllegalArgumentException("give --detector or --pixel, not both");
            }
            if (guessFile == null && distanceMm == null) {
                throw new IllegalArgumentException("give a first guess: --guess FILE.poni, or --distance MM (and --beam-centre ROW,COL)");
            }
        } catch (IllegalArgumentException | IOException e) {
            return fail(2, e.getMessage());
        }
        try {
            ImageFiles.Image read = image.read(imageFile);
            DetectorLayout det = detector(read);
            Poni guess = guess(det, read);
            byte[] mask = maskFile == null ? null : ImageFiles.readMask(maskFile, read.rows(), read.cols(), null);
            CalibrationImage img = CalibrationImage.of(FrameView.of(read.data(), read.type()), read.rows(), read.cols(), mask, det);
            long t0 = System.nanoTime();
            Calibrator.Result r = Calibrator.calibrate(img, cal, guess, Calibrator.Options.defaults().withFree(free).withCoarse(!noSearch));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Files.writeString(out, PoniFiles.format(r, cal), StandardCharsets.UTF_8);
            print(r, cal, seconds);
            return 0;
        } catch (ImageFiles.BadInput e) {
            return fail(2, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        } catch (IOException | IllegalStateException e) {
            return fail(1, e.getMessage());
        }
    }

    private Set<Param> free() {
        Set<Param> f = EnumSet.of(Param.DIST, Param.PONI1, Param.PONI2, Param.ROT1, Param.ROT2);
        for (String p : fix) {
            f.remove(Param.parse(p));
        }
        for (String p : refine) {
            f.add(Param.parse(p));
        }
        if (f.isEmpty()) {
            throw new IllegalArgumentException("--fix holds every parameter: nothing to refine");
        }
        return f;
    }

    private DetectorLayout detector(ImageFiles.Image image) throws IOException {
        DetectorLayout det;
        if (detector != null) {
            det = DetectorLayout.byName(detector).orElseThrow(() -> new IllegalArgumentException("unknown detector '" + detector
                    + "'; known: " + String.join(", ", DetectorLayout.names()) + ", or --pixel UM"));
        } else if (pixel != null) {
            det = DetectorLayout.generic(pixel * 1e-6, pixel * 1e-6, image.rows(), image.cols());
        } else if (guessFile != null) {
            Poni g = Poni.read(guessFile);
            det = DetectorLayout.of(g.hasShape() ? g : g.withShape(image.rows(), image.cols()));
        } else {
            throw new IllegalArgumentException("give --detector NAME or --pixel UM (or a --guess PONI that names its detector)");
        }
        if (det.rows() != image.rows() || det.cols() != image.cols()) {
            throw new IllegalArgumentException("the image is " + image.rows() + " x " + image.cols() + ", detector " + det.name() + " "
                    + det.rows() + " x " + det.cols());
        }
        return det;
    }

    private Poni guess(DetectorLayout det, ImageFiles.Image image) throws IOException {
        double wl = Double.NaN;
        if (beam != null && beam.wavelength != null) {
            wl = beam.wavelength / 1e10;
        } else if (beam != null && beam.energy != null) {
            wl = 12.398419843320026 / beam.energy / 1e10; // hc = 12.3984 keV·Å
        }
        if (guessFile != null) {
            Poni g = Poni.read(guessFile);
            if (!Double.isNaN(wl)) {
                g = g.withWavelength(wl);
            }
            if (!(g.wavelength() > 0)) {
                throw new IllegalArgumentException("give --wavelength or --energy (the guess PONI has no Wavelength)");
            }
            return new Poni(det.poniName(), det.pixel1(), det.pixel2(), det.rows(), det.cols(), g.dist(), g.poni1(), g.poni2(),
                    g.rot1(), g.rot2(), g.rot3(), g.wavelength());
        }
        if (Double.isNaN(wl)) {
            throw new IllegalArgumentException("give --wavelength or --energy");
        }
        if (!(distanceMm > 0)) {
            throw new IllegalArgumentException("--distance must be positive, got " + distanceMm);
        }
        double b1 = beamCentre != null ? beamCentre[0] : image.rows() / 2.0;
        double b2 = beamCentre != null && beamCentre.length > 1 ? beamCentre[1] : image.cols() / 2.0;
        return new Poni(det.poniName(), det.pixel1(), det.pixel2(), det.rows(), det.cols(), distanceMm * 1e-3,
                b1 * det.pixel1(), b2 * det.pixel2(), 0, 0, 0, wl);
    }

    private void print(Calibrator.Result r, Calibrant cal, double seconds) {
        PrintWriter w = spec.commandLine().getOut();
        Poni p = r.poni();
        w.printf(Locale.ROOT, "calibrant %s, %d control points on %d rings, %d rounds, %.1f s%n", cal.name(), r.points().size(), r.rings(),
                r.rounds(), seconds);
        double[] v = {p.dist(), p.poni1(), p.poni2(), p.rot1(), p.rot2(), p.rot3(), p.wavelength()};
        for (Param param : Param.values()) {
            Double s = r.fit().sigma().get(param);
            String value = param.unit().equals("rad")
                    ? String.format(Locale.ROOT, "%.8f rad (%.4f°)", v[param.ordinal()], Math.toDegrees(v[param.ordinal()]))
                    : String.format(Locale.ROOT, "%.8e m", v[param.ordinal()]);
            String sigma = s == null ? "fixed" : String.format(Locale.ROOT, "± %.2e %s", s, param.unit());
            w.printf(Locale.ROOT, "%-10s %-32s %s%n", param.key(), value, sigma);
        }
        double pixels = r.rms() * p.dist() / Math.sqrt(p.pixel1() * p.pixel2());
        w.printf(Locale.ROOT, "RMS 2θ residual %.3e rad (%.4f°, about %.2f pixel)%n", r.rms(), Math.toDegrees(r.rms()), pixels);
        w.printf("wrote %s%n", out);
        w.flush();
    }

    private int fail(int code, String reason) {
        spec.commandLine().getErr().println("calibrate: " + reason);
        spec.commandLine().getErr().flush();
        return code;
    }
}
