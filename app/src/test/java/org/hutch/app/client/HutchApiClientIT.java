package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.testing.Waits;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.model.receiver.ReceiverStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real embedded receiver (fed by the real simulator), and its error messages. */
class HutchApiClientIT {

    @TempDir
    Path dir;

    @Test
    void readsStatusFramesWithEtagAndDownsampling() throws Exception {
        try (LabSetup lab = LabSetup.start("simulator:shape=128,96", dir);
             ReceiverClient client = ReceiverClients.connect(lab.receiverUrl())) {
            assertEquals(ApiLayer.HUTCH_V1, client.layer());
            assertEquals(FrameResult.Kind.NONE, client.lastFrame(1, BlockReduction.MAX, null).kind());

            try (AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(),
                    new AcquisitionListener() { })) {
                AcquisitionResult r = c.acquire(new AcquisitionSettings(0.01, 0.01, 4, 1, TriggerMode.INTS,
                        "api_test.h5", Map.of()), Duration.ofSeconds(60));
                assertTrue(r.complete(), r.message());
            }
            ReceiverStatus st = client.status();
            assertEquals(ReceiverStatus.State.IDLE, st.state());
            assertEquals(4, st.received());
            assertEquals(4, st.written());
            assertEquals(4L, st.expected());
            assertTrue(st.filename().endsWith("api_test.h5"), st.filename());

            FrameResult full = client.lastFrame(1, BlockReduction.MAX, null);
            assertEquals(FrameResult.Kind.NEW, full.kind());
            assertEquals(128, full.frame().rows());
            assertEquals(96, full.frame().cols());
            assertEquals(3, full.frame().frame());
            assertNotNull(full.tag());
            double max = 0;
            for (int i = 0; i < full.frame().pixelCount(); i++) {
                max = Math.max(max, full.frame().value(i));
            }
            assertTrue(max > 0, "the frame has counts");

            assertEquals(FrameResult.Kind.UNCHANGED, client.lastFrame(1, BlockReduction.MAX, full.tag()).kind());

            // the same receiver's MAX IV layer (pickled [header, blob]) gives the same pixels
            try (ReceiverClient maxiv = ReceiverClients.connectMaxIvLayer(lab.receiverUrl(), Duration.ofSeconds(5))) {
                assertEquals(ApiLayer.MAXIV, maxiv.layer());
                assertEquals(4, maxiv.status().received());
                LiveFrame viaPickle = maxiv.lastFrame(1, BlockReduction.MAX, null).frame();
                assertEquals(full.frame().rows(), viaPickle.rows());
                assertEquals(full.frame().pixels(), viaPickle.pixels());
            }

            FrameResult small = client.lastFrame(4, BlockReduction.MAX, null);
            assertEquals(32, small.frame().rows());
            assertEquals(24, small.frame().cols());
            // max over 4x4 blocks: the block maximum of the full frame
            LiveFrame local = full.frame().reduced(4, BlockReduction.MAX);
            assertEquals(local.value(5 * 24 + 7), small.frame().value(5 * 24 + 7));
        }
    }

    @Test
    void bslz4FramesFromTheRealReceiverDecodeHereTheSameAsThere() throws Exception {
        try (LabSetup lab = LabSetup.start("simulator:shape=96,64,dtype=uint32,compression=bslz4", dir);
             ReceiverClient v1 = ReceiverClients.connect(lab.receiverUrl());
             ReceiverClient maxiv = ReceiverClients.connectMaxIvLayer(lab.receiverUrl(), Duration.ofSeconds(5));
             AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(),
                     new AcquisitionListener() { })) {
            assertTrue(c.acquire(new AcquisitionSettings(0.01, 0.01, 2, 1, TriggerMode.INTS, "bslz4.h5", Map.of()),
                    Duration.ofSeconds(60)).complete());
            LiveFrame decodedThere = v1.lastFrame(1, BlockReduction.MAX, null).frame();
            LiveFrame decodedHere = maxiv.lastFrame(1, BlockReduction.MAX, null).frame();
            assertEquals(PixelType.UINT32, decodedHere.dtype());
            assertEquals(96 * 64, decodedHere.pixelCount());
            assertEquals(decodedThere.pixels(), decodedHere.pixels());
        }
    }

    @Test
    void connectionRefusedSaysSo() {
        int port = Waits.freePort();
        ReceiverException e = assertThrows(ReceiverException.class,
                () -> ReceiverClients.connect("http://127.0.0.1:" + port, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void aUrlThatIsNotAReceiverSaysSo() throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", ex -> {
            byte[] b = "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        web.start();
        try {
            ReceiverException e = assertThrows(ReceiverException.class,
                    () -> ReceiverClients.connect("http://127.0.0.1:" + web.getAddress().getPort()));
            assertTrue(e.getMessage().contains("not JSON") && e.getMessage().contains("receiver URL"), e.getMessage());
        } finally {
            web.stop(0);
        }
        ReceiverException bad = assertThrows(ReceiverException.class, () -> ReceiverClients.connect("http://"));
        assertTrue(bad.getMessage().contains("not a receiver URL"), bad.getMessage());
    }
}
