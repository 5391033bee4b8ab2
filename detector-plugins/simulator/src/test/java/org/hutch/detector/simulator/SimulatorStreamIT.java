package org.hutch.detector.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator against a real PULL socket on 127.0.0.1, decoded with hutch-stream's decoders. */
@Timeout(60)
class SimulatorStreamIT {
    private static final AcquisitionSettings FAST = new AcquisitionSettings(0.001, 0.002, 4, 2, TriggerMode.INTS,
            "run1.h5", Map.of("sample", "LaB6 capillary"));

    @Test
    void softwareTriggeredSeriesStreamsEveryFrameInOrderWithHeaderAndEnd() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            d.configure(FAST);
            assertThrows(DetectorException.class, d::trigger, "trigger before arm");
            d.arm();
            SeriesStart start = assertInstanceOf(SeriesStart.class, in.message(5000));
            assertEquals(0, start.msgNumber());
            assertEquals("run1.h5", start.filename());
            assertEquals("LaB6 capillary", start.metadata().get("sample"));
            assertEquals(0.001, ((Number) start.metadata().get("count_time")).doubleValue());
            assertEquals(4, ((Number) start.metadata().get("nimages")).intValue());
            assertEquals(2, ((Number) start.metadata().get("ntrigger")).intValue());
            assertEquals(DetectorState.ARMED, d.state());

            List<Frame> frames = new ArrayList<>();
            for (int trigger = 0; trigger < 2; trigger++) {
                int from = states.count();
                d.trigger();
                for (int i = 0; i < 4; i++) {
                    frames.add(assertInstanceOf(Frame.class, in.message(5000)));
                }
                if (trigger == 0) {
                    states.await(from, s -> s.state() == DetectorState.ARMED, 5000);
                }
            }
            SeriesEnd end = assertInstanceOf(SeriesEnd.class, in.message(5000));
            assertEquals(9, end.msgNumber());
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                assertEquals(i, f.frame());
                assertEquals(i + 1, f.msgNumber());
                assertEquals(48, f.rows());
                assertEquals(64, f.cols());
                assertEquals(PixelType.UINT16, f.dtype());
                assertEquals(Compression.NONE, f.compression());
                assertEquals(48 * 64 * 2, f.blob().remaining());
            }
            states.await(1, s -> s.state() == DetectorState.READY, 5000);
            assertEquals(List.of(DetectorState.READY, DetectorState.ARMED, DetectorState.RUNNING, DetectorState.ARMED,
                    DetectorState.RUNNING, DetectorState.READY), states.states(), "the current state first, then each change");
            assertEquals(8, d.framesSent());
        }
    }

    @Test
    void bslz4DecodesToTheSamePixelsAsUncompressed() throws Exception {
        AcquisitionSettings three = FAST.withImages(3, 1).withTriggerMode(TriggerMode.INTERNAL);
        List<ByteBuffer> plain = capture(three, "compression", "none", "dtype", "uint32");
        List<ByteBuffer> packed = capture(three, "compression", "bslz4", "dtype", "uint32");
        assertEquals(3, plain.size());
        assertEquals(3, packed.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(plain.get(i), packed.get(i), "frame " + i);
        }
        assertFalse(plain.get(0).equals(plain.get(1)), "frames differ by their noise");
        long sum = 0;
        for (int i = 0; i < 48 * 64; i++) {
            sum += Integer.toUnsignedLong(plain.get(0).getInt(i * 4));
        }
        assertTrue(sum > 0, "frames hold counts");
    }

    @ParameterizedTest
    @CsvSource({"stream1, DECTRIS_V1", "stream2, DECTRIS_V2"})
    void dectrisFormatsCarryTheSameFramesAsStins(String option, StreamFormat format) throws Exception {
        AcquisitionSettings two = FAST.withImages(2, 1).withTriggerMode(TriggerMode.INTERNAL);
        List<ByteBuffer> stins = capture(two, "compression", "bslz4");
        try (SimulatedDetector d = Sims.open("format", option, "compression", "bslz4");
             StreamCapture in = new StreamCapture(d.streamInfo().endpoint(), format)) {
            assertEquals(option, d.streamInfo().format().cliName());
            d.configure(two);
            d.arm();
            SeriesStart start = assertInstanceOf(SeriesStart.class, in.message(5000));
            assertEquals(format, start.format());
            assertEquals("run1.h5", start.filename());
            for (int i = 0; i < 2; i++) {
                Frame f = assertInstanceOf(Frame.class, in.message(5000));
                assertEquals(i, f.frame());
                assertEquals(48, f.rows());
                assertEquals(64, f.cols());
                assertEquals(stins.get(i), FramePixels.decode(f), "frame " + i);
            }
            assertInstanceOf(SeriesEnd.class, in.message(5000));
        }
    }

    /** Runs a series on a fresh simulator (same seed each time) and returns the decoded pixels. */
    private static List<ByteBuffer> capture(AcquisitionSettings s, String... options) throws Exception {
        List<ByteBuffer> out = new ArrayList<>();
        try (SimulatedDetector d = Sims.open(options); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(s);
            d.arm();
            assertInstanceOf(SeriesStart.class, in.message(5000));
            for (long i = 0; i < s.totalFrames(); i++) {
                out.add(FramePixels.decode(assertInstanceOf(Frame.class, in.message(5000))));
            }
            assertInstanceOf(SeriesEnd.class, in.message(5000));
        }
        return out;
    }

    @Test
    void internalModeRunsWhenArmedAndTakesNoSoftwareTrigger() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withExposure(0.01, 0.05).withImages(3, 2));
            d.arm();
            assertEquals(DetectorState.RUNNING, d.state());
            DetectorException e = assertThrows(DetectorException.class, d::trigger);
            assertTrue(e.getMessage().contains("internal"), e.getMessage());
            assertInstanceOf(SeriesStart.class, in.message(5000));
            for (int i = 0; i < 6; i++) {
                assertEquals(i, assertInstanceOf(Frame.class, in.message(5000)).frame());
            }
            assertInstanceOf(SeriesEnd.class, in.message(5000));
        }
    }

    @Test
    void inteTakesOneFramePerSoftwareTrigger() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            d.configure(FAST.withTriggerMode(TriggerMode.INTE).withImages(5, 3));
            d.arm();
            assertEquals(3L, assertInstanceOf(SeriesStart.class, in.message(5000)).expectedFrames());
            for (int t = 0; t < 3; t++) {
                int from = states.count();
                d.trigger();
                assertEquals(t, assertInstanceOf(Frame.class, in.message(5000)).frame());
                states.await(from, s -> !s.state().equals(DetectorState.RUNNING), 5000);
            }
            assertInstanceOf(SeriesEnd.class, in.message(5000));
            states.await(1, s -> s.state() == DetectorState.READY, 5000);
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void modesWithoutHardwareAndChangesWhileBusyAreRefused() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            DetectorException exts = assertThrows(DetectorException.class, () -> d.configure(FAST.withTriggerMode(TriggerMode.EXTS)));
            assertTrue(exts.getMessage().contains("exts"), exts.getMessage());
            d.configure(FAST);
            d.arm();
            DetectorException busy = assertThrows(DetectorException.class, () -> d.configure(FAST));
            assertTrue(busy.getMessage().contains("armed"), busy.getMessage());
            assertThrows(DetectorException.class, d::arm);
            d.disarm();
            assertEquals(DetectorState.READY, d.state());
            assertInstanceOf(SeriesStart.class, in.message(5000));
            assertEquals(1, assertInstanceOf(SeriesEnd.class, in.message(5000)).msgNumber(), "disarm ends the series");
        }
    }

    @Test
    void abortInMidSeriesSendsNoSeriesEndAndTheNextSeriesWorks() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withExposure(0.01, 0.04).withImages(100, 1));
            d.arm();
            assertInstanceOf(SeriesStart.class, in.message(5000));
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(Frame.class, in.message(5000));
            }
            d.abort();
            DetectorStatus after = d.status();
            assertEquals(DetectorState.READY, after.state());
            assertTrue(after.message().contains("aborted"), after.message());
            List<StreamCapture.Received> rest = in.drain(500, 200);
            assertTrue(rest.stream().noneMatch(r -> r.message() instanceof SeriesEnd), "no series end after abort");
            assertTrue(rest.size() < 10, "frames stop after abort, got " + rest.size());

            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withImages(2, 1));
            d.arm();
            assertEquals(0, assertInstanceOf(SeriesStart.class, in.message(5000)).msgNumber());
            assertEquals(0, assertInstanceOf(Frame.class, in.message(5000)).frame());
            assertEquals(1, assertInstanceOf(Frame.class, in.message(5000)).frame());
            assertInstanceOf(SeriesEnd.class, in.message(5000));
        }
    }

    @Test
    void stopInMidSeriesEndsItCleanly() throws Exception {
        try (SimulatedDetector d = Sims.open(); StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withExposure(0.01, 0.04).withImages(100, 1));
            d.arm();
            assertInstanceOf(SeriesStart.class, in.message(5000));
            assertInstanceOf(Frame.class, in.message(5000));
            d.stop();
            assertEquals(DetectorState.READY, d.state());
            assertTrue(d.status().message().startsWith("stopped after"), d.status().message());
            List<StreamCapture.Received> rest = in.drain(500, 200);
            assertFalse(rest.isEmpty());
            StreamMessage last = rest.get(rest.size() - 1).message();
            SeriesEnd end = assertInstanceOf(SeriesEnd.class, last);
            assertEquals(rest.size() + 1, end.msgNumber(), "the end follows the frames sent");
        }
    }

    @Test
    void stallFaultStopsTheFramesAndAbortRecovers() throws Exception {
        try (SimulatedDetector d = Sims.open("fault", "stall", "faultAt", "3");
             StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withImages(10, 1));
            d.arm();
            assertInstanceOf(SeriesStart.class, in.message(5000));
            List<StreamCapture.Received> got = in.drain(500, 50);
            assertEquals(3, got.size(), "frames before the stall");
            DetectorStatus stalled = states.await(0, s -> s.message().contains("stalled"), 5000);
            assertEquals(DetectorState.RUNNING, stalled.state());
            d.abort();
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void disconnectFaultGoesToFaultAndTheNextSeriesBindsAgain() throws Exception {
        try (SimulatedDetector d = Sims.open("fault", "disconnect", "faultAt", "2");
             StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withImages(10, 1));
            d.arm();
            DetectorStatus fault = states.awaitState(DetectorState.FAULT, 5000);
            assertTrue(fault.message().contains("disconnected"), fault.message());
            List<StreamCapture.Received> first = in.drain(500, 50);
            assertEquals(3, first.size(), "header and two frames, no end");
            assertTrue(first.stream().noneMatch(r -> r.message() instanceof SeriesEnd));

            d.arm();
            assertInstanceOf(SeriesStart.class, in.message(10000), "the PULL socket reconnects to the same endpoint");
            assertEquals(0, assertInstanceOf(Frame.class, in.message(5000)).frame());
        }
    }

    @ParameterizedTest
    @CsvSource({"malformed, none", "malformed, bslz4", "malformed-header, none"})
    void malformedFaultSendsOneBadMessageAmongGoodOnes(String fault, String compression) throws Exception {
        try (SimulatedDetector d = Sims.open("fault", fault, "faultAt", "1", "compression", compression);
             StreamCapture in = new StreamCapture(d.streamInfo().endpoint())) {
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL).withImages(3, 1));
            d.arm();
            List<StreamCapture.Received> got = in.drain(500, 50);
            assertEquals(5, got.size(), "header, 3 images, end");
            assertInstanceOf(SeriesStart.class, got.get(0).message());
            assertEquals(0, assertInstanceOf(Frame.class, got.get(1).message()).frame());
            StreamCapture.Received bad = got.get(2);
            if (bad.error() == null) {
                // a truncated bslz4 blob still parses as a message; it fails when decompressed
                Frame f = assertInstanceOf(Frame.class, bad.message());
                assertThrows(Exception.class, () -> FramePixels.decode(f));
            } else {
                assertNull(bad.message());
                assertNotNull(bad.error().getMessage());
            }
            assertEquals(2, assertInstanceOf(Frame.class, got.get(3).message()).frame());
            assertInstanceOf(SeriesEnd.class, got.get(4).message());
        }
    }

    @Test
    void aMissingReceiverIsReportedAndAbortStillAnswers() throws Exception {
        try (SimulatedDetector d = Sims.open()) {
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            d.configure(FAST.withTriggerMode(TriggerMode.INTERNAL));
            d.arm();
            DetectorStatus waiting = states.await(0, s -> s.message().startsWith("waiting"), 10000);
            assertEquals(DetectorState.RUNNING, waiting.state());
            assertTrue(waiting.message().contains(d.streamInfo().endpoint()), waiting.message());
            d.abort();
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void closeTurnsTheDetectorOffAndRefusesFurtherCalls() throws Exception {
        SimulatedDetector d = Sims.open();
        d.close();
        d.close();
        assertEquals(DetectorState.OFF, d.state());
        DetectorException e = assertThrows(DetectorException.class, () -> d.configure(FAST));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertArrayEquals(new int[] {48, 64}, new int[] {d.config().rows(), d.config().cols()});
    }
}
