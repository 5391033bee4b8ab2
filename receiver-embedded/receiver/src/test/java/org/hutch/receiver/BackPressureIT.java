package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender pushing as fast as it can never makes the receiver hold more than its byte budget:
 * the bounded queues stop the worker reading and ZeroMQ's high-water marks hold the sender back.
 * Nothing is dropped on the way.
 */
class BackPressureIT {
    @TempDir
    Path dir;

    @Test
    void memoryStaysWithinTheBudgetAndNothingIsLost() throws Exception {
        long budget = 8L << 20;
        int rows = 512;
        int cols = 1024;
        long frameBytes = (long) rows * cols * 2;
        int n = 150;
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).queueBytes(budget).receiveHwm(4).build())) {
            ByteBuffer raw = TestFrames.raw(rows, cols, PixelType.UINT16, 1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    tx.send(TestFrames.start(0, "flood.h5", Map.of()));
                    for (int i = 0; i < n; i++) {
                        tx.send(new Frame(0, i + 1, i, rows, cols, PixelType.UINT16, Compression.NONE, raw.duplicate(),
                                Map.of()));
                    }
                    tx.send(TestFrames.end(n + 1));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "flood-sender");
            sender.start();
            long maxQueued = 0;
            JsonNode st = Http.getJson(rx.apiUri(), "/api/v1/status");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && !(st.path("state").asText().equals("idle")
                    && st.path("series").path("written").asInt() == n)) {
                maxQueued = Math.max(maxQueued, st.path("queue").path("bytes").asLong());
                Thread.sleep(5);
                st = Http.getJson(rx.apiUri(), "/api/v1/status");
            }
            sender.join(10_000);
            assertEquals(null, failure.get());
            assertEquals(n, st.required("series").required("written").asInt(), st.toString());
            assertEquals(0, st.required("lost").asInt(), st.toString());
            assertTrue(maxQueued <= budget + 2 * frameBytes, "queued " + maxQueued + " bytes, budget " + budget);
        }
    }
}
