package org.hutch.app.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.StinsDecoder;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import picocli.CommandLine;

/** {@code hutch simulate} as a user runs it: bad arguments exit 2 with a reason; a run streams every frame. */
@Timeout(60)
class SimulateCommandIT {

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--shape=12", "--format=tiff", "--frames=0", "--rate=-1", "--dtype=float64",
            "--compression=zip", "--poni=/no/such.poni", "--bogus"})
    void badArgumentsExitTwoWithAReason(String arg) {
        Run r = run("--bind", "tcp://127.0.0.1:0", arg);
        assertEquals(2, r.exit(), r.err());
        assertTrue(!r.err().isBlank(), "a reason is printed");
    }

    @Test
    void streamsEveryFrameWithTheFileNameAndExitsZero() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String endpoint = "tcp://127.0.0.1:" + port;
        CompletableFuture<Run> cli = CompletableFuture.supplyAsync(() -> run("--bind", endpoint, "--frames", "25",
                "--rate", "0", "--shape", "32,40", "--dtype", "uint32", "--compression", "bslz4", "--filename", "cli.h5"));
        List<StreamMessage> got = new ArrayList<>();
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(10000);
            pull.connect(endpoint);
            StinsDecoder decoder = new StinsDecoder();
            while (got.isEmpty() || !(got.get(got.size() - 1) instanceof SeriesEnd)) {
                byte[] first = PullWakeup.recv(pull, 10_000);
                if (first == null) {
                    break;
                }
                List<byte[]> parts = new ArrayList<>(List.of(first));
                while (pull.hasReceiveMore()) {
                    parts.add(pull.recv());
                }
                got.add(decoder.decode(parts));
            }
        }
        Run r = cli.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertEquals(27, got.size(), "header, 25 frames, end");
        assertEquals("cli.h5", assertInstanceOf(SeriesStart.class, got.get(0)).filename());
        for (int i = 0; i < 25; i++) {
            Frame f = assertInstanceOf(Frame.class, got.get(i + 1));
            assertEquals(i, f.frame());
            assertEquals(32, f.rows());
            assertEquals(40, f.cols());
            assertEquals("uint32", f.dtype().numpyName());
            assertEquals("bslz4", f.compression().wireName());
        }
        assertTrue(r.err().contains("25 frames"), r.err());
    }
}
