package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STINS over a real PUSH socket into the receiver, file read back with h5py + hdf5plugin. */
class EndToEndIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"NONE,UINT16,1", "BSLZ4,UINT32,2", "BSLZ4,UINT16,1", "NONE,FLOAT32,2"})
    void framesArriveInOrderAndReadBackBitExact(Compression c, PixelType dtype, int workers) throws Exception {
        Python.assumeH5py();
        int n = 12;
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .workers(workers).dataDir(dir).build())) {
            tx.send(TestFrames.start(0, "run/scan1.h5", Map.of("exptime", 0.1, "detector", Map.of("name", "sim"))));
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Frame f = TestFrames.frame(i + 1, i, 48, 40, dtype, c, i);
                hashes.add(TestFrames.sha256(TestFrames.raw(48, 40, dtype, i)));
                tx.send(f);
            }
            tx.send(TestFrames.end(n + 1));
            JsonNode st = Http.awaitJson(rx.apiUri(), "/api/v1/status",
                    j -> j.path("state").asText().equals("idle") && j.path("series").path("written").asLong() == n, 20);
            assertEquals("idle", st.required("state").asText(), st.toString());
            assertEquals(n, st.required("series").required("received").asLong());
            assertEquals(n, st.required("series").required("written").asLong());
            assertEquals(0, st.required("lost").asLong());
            assertEquals(n, Http.getJson(rx.apiUri(), "/received_frames").required("value").asLong());
            Path file = dir.resolve("run/scan1.h5");
            assertEquals(file.toAbsolutePath().toString(), st.required("series").required("filename").asText());
            assertTrue(Files.isRegularFile(file));
            String out = Python.h5pyFrameHashes(file, ReceiverConfig.DEFAULT_DSET_NAME);
            assertTrue(out.contains("shape " + n + ",48,40"), out);
            assertTrue(out.contains("dtype " + dtype.numpyName()), out);
            for (int i = 0; i < n; i++) {
                assertTrue(out.contains(i + " " + hashes.get(i) + "\n"), "frame " + i + " differs:\n" + out);
            }
        }
    }

    @Test
    void nexusLayoutMetadataAndSequenceNumbers() throws Exception {
        Python.assumeH5py();
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).build())) {
            tx.send(TestFrames.start(0, "meta.h5", Map.of("exptime", 0.25, "save_raw", true,
                    "geometry", Map.of("distance", 1.5, "center", List.of(10, 20)), "comment", "powder")));
            for (int i = 0; i < 3; i++) {
                tx.send(TestFrames.frame(i + 1, i, 8, 8, PixelType.UINT16, Compression.BSLZ4, i));
            }
            tx.send(TestFrames.end(4));
            Http.awaitJson(rx.apiUri(), "/status", j -> j.path("state").asText().equals("idle"), 20);
            Http.awaitJson(rx.apiUri(), "/api/v1/status", j -> j.path("series").path("written").asLong() == 3, 20);
        }
        String out = Python.check("import h5py, hdf5plugin\n"
                + "f = h5py.File(" + Python.literal(dir.resolve("meta.h5").toString()) + ", 'r')\n"
                + "def s(x): return x.decode() if isinstance(x, bytes) else x\n"
                + "print('root', s(f.attrs['default']))\n"
                + "print('entry', s(f['/entry'].attrs['NX_class']), s(f['/entry'].attrs['default']))\n"
                + "print('instrument', s(f['/entry/instrument'].attrs['NX_class']))\n"
                + "g = f['/entry/instrument/detector']\n"
                + "print('detector', s(g.attrs['NX_class']))\n"
                + "print('nxdata', s(f['/entry/data'].attrs['NX_class']), s(f['/entry/data'].attrs['signal']))\n"
                + "print('linked', f['/entry/data/data'].shape, f['/entry/data/data'].id == g['data'].id)\n"
                + "print('exptime', float(g['exptime'][()]))\n"
                + "print('distance', float(g['geometry/distance'][()]), list(g['geometry/center'][()]))\n"
                + "print('comment', s(g['comment'][()]))\n"
                + "print('save_raw', bool(g['save_raw'][()]))\n"
                + "print('seq', list(g['sequence_number'][()]))\n"
                + "print('filters', dict(g['data']._filters))\n");
        assertTrue(out.contains("root entry"), out);
        assertTrue(out.contains("entry NXentry data"), out);
        assertTrue(out.contains("instrument NXinstrument"), out);
        assertTrue(out.contains("detector NXdetector"), out);
        assertTrue(out.contains("nxdata NXdata data"), out);
        assertTrue(out.contains("linked (3, 8, 8) True"), out);
        assertTrue(out.contains("exptime 0.25"), out);
        assertTrue(out.contains("distance 1.5 [10, 20]"), out);
        assertTrue(out.contains("comment powder"), out);
        assertTrue(out.contains("save_raw True"), out);
        assertTrue(out.contains("seq [0, 1, 2]"), out);
        assertTrue(out.contains("'32008': (0, 0, 2, 0, 2)"), out);
    }
}
