package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorCommand;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.eiger.SimplonSimulator.Departure;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.stream.DectrisV1Decoder;
import org.hutch.stream.Frame;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** DCUs that depart from the SIMPLON documentation as firmware in the field does: the plugin copes or says why. */
class EigerFirmwareDeparturesIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AcquisitionSettings TWO_BY_THREE = new AcquisitionSettings(0.01, 0.01, 3, 2, TriggerMode.INTS,
            "scan_7.h5", Map.of());

    @Test
    void aDcuAnswering500ForAMissingParameterOpensWithStreamV1() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.6.0").depart(Departure.UNKNOWN_PARAMETER_500)) {
            String endpoint = sim.streamFrames().endpoint();
            try (EigerDetector d = Sims.open(sim, "stream_endpoint", endpoint)) {
                assertEquals(org.hutch.detector.StreamInfo.Format.DECTRIS_V1, d.streamInfo().format());
                List<StreamMessage> got = series(d, endpoint, TWO_BY_THREE);
                checkSixFramesAndEnd(got);
            }
        }
    }

    @Test
    void aDcuFoundArmedIsDisarmedBeforeConfiguringAndDisarmedAfterItsLastTrigger() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.PERMANENTLY_READY)) {
            String endpoint = sim.streamFrames().endpoint();
            try (EigerDetector d = Sims.open(sim, "stream_endpoint", endpoint)) {
                assertEquals(DetectorState.ARMED, d.state());
                assertTrue(d.status().message().contains("Disarm"), d.status().message());
                assertEquals(EnumSet.allOf(DetectorCommand.class), d.commands());
                List<StreamMessage> got = series(d, endpoint, TWO_BY_THREE);
                checkSixFramesAndEnd(got);
                assertEquals(List.of("disarm", "arm", "trigger", "trigger", "disarm"), sim.commands());
                assertEquals(DetectorState.READY, d.state());
            }
        }
    }

    @Test
    void anUninitialisedDcuAsksForInitialize() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0"); EigerDetector d = Sims.open(sim)) {
            sim.forceState("na", null);
            DetectorException e = assertThrows(DetectorException.class, () -> d.configure(TWO_BY_THREE));
            assertTrue(e.getMessage().contains("click Initialize") && e.getMessage().contains("initialize=true"),
                    e.getMessage());
            assertTrue(d.status().message().contains("Initialize"), d.status().message());
            d.initialize();
            assertEquals(DetectorState.READY, d.state());
            d.configure(TWO_BY_THREE);
        }
    }

    @Test
    void aDcuIgnoringTheHeaderAppendixSendsNoFileName() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.IGNORES_HEADER_APPENDIX)) {
            String endpoint = sim.streamFrames().endpoint();
            try (EigerDetector d = Sims.open(sim, "stream_endpoint", endpoint)) {
                List<StreamMessage> got = series(d, endpoint, TWO_BY_THREE);
                assertNull(assertInstanceOf(SeriesStart.class, got.get(0)).filename());
                checkSixFramesAndEnd(got);
            }
        }
    }

    @Test
    void aDcuDyingMidSeriesFailsTheTriggerAndIsSeenLost() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").dieAfterFrames(2)) {
            sim.streamFrames();
            try (EigerDetector d = Sims.open(sim)) {
                StateLog log = new StateLog();
                d.addStateListener(log);
                d.configure(TWO_BY_THREE);
                d.arm();
                DetectorException e = assertThrows(DetectorException.class, d::trigger);
                assertTrue(e.getMessage().contains("DCU"), e.getMessage());
                DetectorState lost = log.await(DetectorState.UNKNOWN, WAIT).state();
                assertEquals(DetectorState.UNKNOWN, lost);
                assertTrue(sim.dead());
                assertTrue(d.status().message().contains("cannot reach the DCU"), d.status().message());
            }
        }
    }

    private static void checkSixFramesAndEnd(List<StreamMessage> got) {
        assertEquals(1 + 6 + 1, got.size(), "header, 3 images x 2 triggers, end: " + got);
        for (int i = 0; i < 6; i++) {
            Frame f = assertInstanceOf(Frame.class, got.get(1 + i));
            assertEquals(i, f.frame());
            assertEquals(SimulatedStream.pixelOf(i), f.blob().duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        }
        assertInstanceOf(SeriesEnd.class, got.get(7));
    }

    /** Configures, arms and triggers every trigger, collecting the stream until its series end. */
    private static List<StreamMessage> series(EigerDetector d, String endpoint, AcquisitionSettings s)
            throws Exception {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.connect(endpoint);
            d.configure(s);
            d.arm();
            for (int i = 0; i < s.triggers(); i++) {
                d.trigger();
            }
            DectrisV1Decoder decoder = new DectrisV1Decoder();
            List<StreamMessage> got = new ArrayList<>();
            while ((got.isEmpty() || !(got.get(got.size() - 1) instanceof SeriesEnd)) && got.size() <= 20) {
                List<byte[]> parts = new ArrayList<>();
                byte[] part = PullWakeup.recv(pull, 10_000);
                assertNotNull(part, "no stream message within 10 s; so far " + got);
                parts.add(part);
                while (pull.hasReceiveMore()) {
                    parts.add(pull.recv());
                }
                StreamMessage m = decoder.decode(parts);
                if (got.isEmpty() && !(m instanceof SeriesStart)) {
                    continue; // the end of a series left armed before, which the disarm sends
                }
                got.add(m);
            }
            return got;
        }
    }
}
