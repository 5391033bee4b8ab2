package org.hutch.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.MaxIvTestServer;
import org.hutch.app.testing.Waits;
import org.hutch.azint.Poni;
import org.hutch.model.receiver.ReceiverStatus;
import org.junit.jupiter.api.Test;

/**
 * A receiver that does not integrate (MAX IV's) and no PONI: the poller says so instead of making a
 * curve up; a PONI given afterwards integrates the frame already on screen, with no new frame.
 */
class NoGeometryIT {

    private static final Poni PONI_40x60 = Poni.parse("poni_version: 2\nDetector: Detector\n"
            + "Detector_config: {\"pixel1\": 1e-04, \"pixel2\": 1e-04, \"max_shape\": [40, 60]}\n"
            + "Distance: 0.05\nPoni1: 0.002\nPoni2: 0.003\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1e-10\n");

    @Test
    void noPoniSaysSoAndAPoniLoadedLaterIntegratesTheShownFrame() throws Exception {
        AtomicReference<String> failed = new AtomicReference<>();
        AtomicReference<AzintCurve> curve = new AtomicReference<>();
        LiveListener listener = new LiveListener() {
            @Override public void status(ReceiverStatus status) { }
            @Override public void connection(ConnectionState state, String message) { }
            @Override public void frame(LiveFrame frame) { }
            @Override public void curve(AzintCurve c) { curve.set(c); }
            @Override public void curveFailed(String message) { failed.set(message); }
        };
        byte[] raw = new byte[40 * 60 * 2];
        java.util.Arrays.fill(raw, (byte) 3);
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             LivePoller poller = new LivePoller(server.url(), Duration.ofSeconds(5), listener)) {
            server.setState("running");
            server.putFrame(4, 40, 60, "uint16", "none", raw);
            poller.start();
            Waits.until(Duration.ofSeconds(20), () -> failed.get() != null, () -> "no report");
            assertEquals(LivePoller.NO_GEOMETRY, failed.get());
            assertNull(curve.get(), "no curve without a geometry");

            poller.setCurveSource(new AppIntegrator(PONI_40x60, null, 40, false));
            Waits.until(Duration.ofSeconds(20), () -> curve.get() != null, () -> "no curve after the PONI");
            assertEquals(4, curve.get().frame(), "the frame on screen, integrated again");
        }
    }
}
