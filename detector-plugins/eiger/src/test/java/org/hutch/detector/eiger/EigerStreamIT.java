package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.stream.DectrisV1Decoder;
import org.hutch.stream.DectrisV2Decoder;
import org.hutch.stream.Frame;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** arm -> trigger on the plugin makes the simulated DCU stream a series a receiver can decode. */
class EigerStreamIT {

    @Test
    void legacyStreamCarriesHeaderFramesAndEnd() throws Exception {
        List<StreamMessage> got = runSeries("legacy", new DectrisV1Decoder());
        SeriesStart start = assertInstanceOf(SeriesStart.class, got.get(0));
        assertEquals("/data/scan_7.h5", start.filename());
        assertEquals(6L, start.expectedFrames());
        assertEquals(0.01, ((Number) start.metadata().get("count_time")).doubleValue(), 1e-12);
        checkFramesAndEnd(got, start.series());
    }

    @Test
    void cborStreamCarriesStartImagesAndEnd() throws Exception {
        List<StreamMessage> got = runSeries("cbor", new DectrisV2Decoder());
        SeriesStart start = assertInstanceOf(SeriesStart.class, got.get(0));
        assertEquals("/data/scan_7.h5", start.filename());
        checkFramesAndEnd(got, start.series());
    }

    private static void checkFramesAndEnd(List<StreamMessage> got, long series) {
        assertEquals(1 + 6 + 1, got.size(), "header, 3 images x 2 triggers, end: " + got);
        for (int i = 0; i < 6; i++) {
            Frame f = assertInstanceOf(Frame.class, got.get(1 + i));
            assertEquals(i, f.frame());
            assertEquals(series, f.series());
            assertEquals(SimulatedStream.ROWS, f.rows());
            assertEquals(SimulatedStream.COLS, f.cols());
            assertEquals(i, f.blob().duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        }
        assertInstanceOf(SeriesEnd.class, got.get(7));
    }

    private static List<StreamMessage> runSeries(String format, StreamDecoder decoder) throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            String endpoint = sim.streamFrames().endpoint();
            try (EigerDetector d = Sims.open(sim, "format", format, "stream_endpoint", endpoint);
                 ZContext ctx = new ZContext()) {
                StreamInfo info = d.streamInfo();
                assertEquals(endpoint, info.endpoint());
                ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
                pull.setReceiveTimeOut(10_000);
                pull.connect(info.endpoint());
                d.configure(new AcquisitionSettings(0.01, 0.01, 3, 2, TriggerMode.INTS, "/data/scan_7.h5",
                        Map.of("sample", "Si")));
                d.arm();
                d.trigger();
                d.trigger();
                List<StreamMessage> got = new ArrayList<>();
                while (got.isEmpty() || !(got.get(got.size() - 1) instanceof SeriesEnd)) {
                    List<byte[]> parts = new ArrayList<>();
                    byte[] part = PullWakeup.recv(pull, 10_000);
                    assertNotNull(part, "no stream message within 10 s; so far " + got);
                    parts.add(part);
                    while (pull.hasReceiveMore()) {
                        parts.add(pull.recv());
                    }
                    got.add(decoder.decode(parts));
                    if (got.size() > 20) {
                        break;
                    }
                }
                return got;
            }
        }
    }
}
