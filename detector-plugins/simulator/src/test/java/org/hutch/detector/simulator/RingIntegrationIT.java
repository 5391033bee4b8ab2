package org.hutch.detector.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Normalization;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.SeriesStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A streamed frame of the default detector, integrated with the geometry the stream header carries, peaks where
 * LaB6's lattice says: q = 2 pi sqrt(h^2 + k^2 + l^2) / a with a = 4.15689 A (NIST SRM 660c).
 */
@Timeout(120)
class RingIntegrationIT {
    private static final double LAB6_A_NM = 0.415689;

    @Test
    void streamedRingsIntegrateToPeaksAtTheLab6Positions() throws Exception {
        Frame frame;
        Poni poni;
        try (SimulatedDetector d = Sims.open("shape", "", "dtype", "uint32", "compression", "bslz4", "poolSize", "1",
                "flux", "5000");
             StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(new AcquisitionSettings(1.0, 1.0, 1, 1, TriggerMode.INTERNAL, "", Map.of()));
            d.arm();
            SeriesStart start = assertInstanceOf(SeriesStart.class, in.message(20000));
            poni = Poni.parse((String) start.metadata().get("poni"));
            frame = assertInstanceOf(Frame.class, in.message(20000));
        }
        assertEquals(1024, frame.rows());
        ByteBuffer pixels = FramePixels.decode(frame);

        Integrator integrator = Integrator.build(new Geometry(poni), null, new IntegrationSettings(RadialUnit.Q_NM, 1500, 0,
                Splitting.NONE, Double.NaN, Double.NaN, true, Normalization.RATIO, 0.99, false));
        AzintResult curve = integrator.integrate(FrameView.of(pixels, PixelType.UINT32));

        List<Double> checked = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 8, 9}) {
            double q = 2 * Math.PI * Math.sqrt(n) / LAB6_A_NM;
            if (q < integrator.radialMin() + 0.5 || q > integrator.radialMax() - 0.5) {
                continue;
            }
            int peak = argmax(curve, q - 0.5, q + 0.5);
            double floor = min(curve, q - 0.5, q + 0.5);
            assertEquals(q, curve.radial()[peak], 0.05, "LaB6 ring sqrt(" + n + ")");
            assertTrue(curve.intensity()[peak] > 5 * floor, "a ring stands out of the background at q=" + q);
            checked.add(q);
        }
        assertTrue(checked.size() >= 3, "rings inside the detector: " + checked);
    }

    private static int argmax(AzintResult r, double lo, double hi) {
        int best = -1;
        for (int i = 0; i < r.radial().length; i++) {
            if (r.radial()[i] >= lo && r.radial()[i] <= hi && (best < 0 || r.intensity()[i] > r.intensity()[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double min(AzintResult r, double lo, double hi) {
        double m = Double.MAX_VALUE;
        for (int i = 0; i < r.radial().length; i++) {
            if (r.radial()[i] >= lo && r.radial()[i] <= hi && r.count()[i] > 0) {
                m = Math.min(m, r.intensity()[i]);
            }
        }
        return m;
    }
}
