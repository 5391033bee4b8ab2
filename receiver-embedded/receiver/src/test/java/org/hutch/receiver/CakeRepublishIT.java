package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.receiver.pipeline.Republisher;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

/**
 * With a cake, each republished frame carries its cake after its curve (azimuth axis, then
 * {@code [azimuth][radial]} float32): a real subscriber decodes it, and it equals the file's {@code /entry/cake}
 * row read back with h5py and the single-frame integrator's cake. The cakes' arrays are reused from frame to
 * frame, and none is reused while the file or the republisher still needs it.
 */
class CakeRepublishIT {
    private static final int ROWS = 195;
    private static final int COLS = 211;
    private static final int AZIMUTH = 36;
    /** more than the 64 rows a file holds until it flushes, so arrays come back while the series runs */
    private static final int FRAMES = 150;
    private static final Poni PONI = new Poni(Poni.GENERIC, 172e-6, 172e-6, ROWS, COLS, 0.08, 0.012, 0.015,
            0.01, -0.02, 0.0, 1.0e-10);

    @TempDir
    Path dir;

    @Test
    void eachFramesCakeIsRepublishedAndEqualsTheFilesAndTheIntegrators() throws Exception {
        PipelineConfig cfg = new PipelineConfig(AzintSetup.of(PONI), null, null, dir, 3, 8, true, "test")
                .withCake(AZIMUTH);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add(TestFrames.frame(i + 1, i, ROWS, COLS, PixelType.UINT32,
                    i % 2 == 0 ? Compression.BSLZ4 : Compression.NONE, 300 + i));
        }
        // which arrays the cakes came in (held only by identity: the cakes are not kept)
        Set<float[]> arrays = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        List<RepublishSubscriber.Message> got = new ArrayList<>();
        Republisher pub = new Republisher("127.0.0.1", 0);
        try (AzintPipeline p = new AzintPipeline(cfg)) {
            p.addListener(pub);
            p.addListener(f -> arrays.add(f.cake().intensity()));
            p.start();
            try (ZContext ctx = new ZContext(1)) {
                RepublishSubscriber sub = new RepublishSubscriber(ctx, pub.port(), p);
                arrays.clear(); // the probes' (they have no frames, so none)
                p.offer(TestFrames.start(0, "caked.h5", Map.of()));
                for (Frame f : frames) {
                    assertTrue(p.offer(f));
                }
                p.offer(TestFrames.end(FRAMES + 1));
                while (got.size() < FRAMES) {
                    RepublishSubscriber.Message m = sub.nextFrame();
                    assertNotNull(m, "only " + got.size() + " frames republished");
                    got.add(m);
                }
            }
        }
        assertTrue(arrays.size() < FRAMES, FRAMES + " cakes in " + arrays.size() + " arrays: none was reused");

        Path file = dir.resolve("caked_azint.h5");
        assertTrue(Files.exists(file));
        Python.assumeH5py();
        Path raw = dir.resolve("cake.f32");
        Python.check("import sys, h5py, numpy as np\n"
                + "c = h5py.File(sys.argv[1], 'r')['entry/cake']\n"
                + "assert c['I'].shape == (" + FRAMES + ", " + AZIMUTH + ", c['radial'].shape[0]), c['I'].shape\n"
                + "open(sys.argv[2], 'wb').write(c['I'][:].astype('<f4').tobytes())\n"
                + "print(','.join(str(x) for x in c['frame_numbers'][:]))\n", file.toString(), raw.toString());
        ByteBuffer fileBytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);

        Integrator cakeIt = Integrator.build(new Geometry(PONI), null, cfg.cakeSettings());
        for (int i = 0; i < FRAMES; i++) {
            RepublishSubscriber.Message m = got.get(i);
            assertEquals(i, m.header().required("frame").asInt(), "in stream order");
            assertEquals("[\"radial\",\"I\",\"sigma\",\"azimuth\",\"cake\"]", m.header().required("arrays").toString());
            float[] radial = m.arrays().get("radial");
            float[] cake = m.arrays().get("cake");
            assertEquals("[" + AZIMUTH + "," + radial.length + "]", m.header().required("cake_shape").toString());
            assertEquals(AZIMUTH * radial.length, cake.length);

            float[] inFile = new float[cake.length];
            fileBytes.asFloatBuffer().position(i * cake.length).get(inFile);
            assertArrayEquals(inFile, cake, "frame " + i + ": the republished cake is the file's");

            AzintResult want = cakeIt.integrate(FrameView.of(FramePixels.decode(frames.get(i)), frames.get(i).dtype()));
            float[] azimuth = m.arrays().get("azimuth");
            for (int a = 0; a < AZIMUTH; a++) {
                assertEquals((float) want.azimuth()[a], azimuth[a], "azimuth bin " + a);
            }
            for (int k = 0; k < cake.length; k++) {
                double e = want.intensity()[k];
                assertEquals(e, cake[k], 1e-6 * Math.max(Math.abs(e), 1e-30), "frame " + i + " cell " + k);
            }
        }
    }
}
