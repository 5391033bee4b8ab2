package org.hutch.azint.calibration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The PONI file of a calibration: the PONI writer's v2 text with the calibration's figures as comments (pyFAI skips them). */
public final class PoniFiles {
    private PoniFiles() {
    }

    public static String format(Calibrator.Result r, Calibrant calibrant) {
        String text = r.poni().format();
        int afterHeader = text.indexOf('\n', text.indexOf('\n') + 1) + 1; // after the two comment lines
        String note = String.format(Locale.ROOT, "# Calibration done at %s with %s: %d points on %d rings, RMS 2θ residual %.3e rad%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), calibrant.name(), r.points().size(), r.rings(), r.rms());
        return text.substring(0, afterHeader) + note + text.substring(afterHeader);
    }
}
