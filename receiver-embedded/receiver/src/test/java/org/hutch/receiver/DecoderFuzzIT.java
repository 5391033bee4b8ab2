package org.hutch.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.ZmqDump;
import org.hutch.testkit.MessageMutator;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated real captures (Stream V1, V2) and STINS messages sent to a running receiver over a real
 * socket, with a fixed seed: afterwards no thread has died and a good series is complete and bit-exact.
 */
class DecoderFuzzIT {
    private static final int MUTATIONS = 1500;
    private static final long SEED = 77L;

    @TempDir
    Path dir;

    private static void awaitQuiet(URI api, Duration quiet) {
        String[] seen = {""};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode j = Http.getJson(api, "/api/v1/status");
            String now = j.path("error_time").asText() + "|" + j.path("series").path("id").asText() + "|"
                    + j.path("series").path("received").asText() + "|" + j.path("duplicates").asText() + "|"
                    + j.path("lost").asText();
            if (!now.equals(seen[0])) {
                seen[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > quiet.toNanos();
        });
    }

    @Test
    void mutatedStreamsKillNoThread() throws Exception {
        Path streams = TestData.require("streams");
        List<List<byte[]>> seeds = new ArrayList<>(ZmqDump.readAll(streams.resolve("eiger1m-stream-v1.zmqdump")));
        seeds.addAll(ZmqDump.readAll(streams.resolve("stream-v2.zmqdump")));
        org.hutch.stream.StinsEncoder stins = new org.hutch.stream.StinsEncoder();
        seeds.add(stins.encode(TestFrames.start(0, "fuzz.h5", Map.of())));
        for (int i = 0; i < 4; i++) {
            seeds.add(stins.encode(TestFrames.frame(i + 1, i, 16, 12, PixelType.UINT16, Compression.BSLZ4, i)));
        }
        seeds.add(stins.encode(TestFrames.end(5)));
        MessageMutator mutator = new MessageMutator(SEED);
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .workers(2).dataDir(dir).onExists(ReceiverConfig.OnExists.OVERWRITE)
                     .seriesTimeout(Duration.ofSeconds(2)).build())) {
            URI api = rx.apiUri();
            for (int i = 0; i < MUTATIONS; i++) {
                tx.parts(mutator.mutate(seeds.get(i % seeds.size())));
            }
            // everything sent has been taken in: the queues are empty
            Http.awaitJson(api, "/api/v1/status", j -> j.path("queue").path("frames").asLong() == 0, 120);
            // an empty queue can come before the sender's socket has handed everything over: wait until the
            // receiver has seen nothing new (no error, series, frame or duplicate) for longer than its series timeout,
            // so no late mutated message lands in the good series below
            awaitQuiet(api, Duration.ofSeconds(3));
            // a good series afterwards (a new header ends whatever the fuzz left open)
            tx.send(TestFrames.start(0, "good.h5", Map.of()));
            for (int i = 0; i < 3; i++) {
                tx.send(TestFrames.frame(i + 1, i, 16, 12, PixelType.UINT16, Compression.BSLZ4, i));
            }
            tx.send(TestFrames.end(4));
            JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("filename").asText()
                    .endsWith("good.h5") && "complete".equals(j.path("series").path("end").asText()), 60);
            assertEquals(0, st.required("dead_threads").size(), st.toString());
            assertEquals(3, st.required("series").required("written").asInt(), st.toString());
            try (var r = Http.get(api, "/metrics")) {
                assertTrue(r.body().string().contains("hutch_receiver_thread_deaths_total 0"));
            }
        }
        List<String> hashes = TestFrames.hashesInFile(dir.resolve("good.h5"), ReceiverConfig.DEFAULT_DSET_NAME,
                PixelType.UINT16);
        for (int i = 0; i < 3; i++) {
            assertEquals(TestFrames.sha256(TestFrames.raw(16, 12, PixelType.UINT16, i)), hashes.get(i), "frame " + i);
        }
    }
}
