package org.hutch.app.cli.receiver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The load generator of the receiver benchmark, run as its own process (as a detector is): binds a
 * PUSH socket on 127.0.0.1, prints {@code port N}, waits for {@code go} on stdin, sends one STINS
 * series of pre-built frames (bslz4 from a pre-compressed pool) as fast as the receiver takes them
 * or at a given rate, prints {@code sent N seconds S}, and exits after {@code quit}.
 * Arguments: rows cols dtype compression frames fps(0 = as fast as possible) filename.
 */
public final class BenchSender {
    private static final int POOL = 8;

    private BenchSender() {
    }

    /**
     * Detector-like pixels: mostly 0-1 counts, some bright spots, a few saturated (0xFF..) gap lines;
     * bslz4 compresses them about 10x, as MAX IV's benchmark frames (200 kB for a 2 MB frame).
     */
    static ByteBuffer pixels(int rows, int cols, PixelType dtype, long seed) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(seed);
        long gap = dtype.bytes() == 1 ? 0xFF : dtype.bytes() == 2 ? 0xFFFF : 0xFFFFFFFFL;
        for (int y = 0; y < rows; y++) {
            boolean gapRow = y % 257 == 256;
            for (int x = 0; x < cols; x++) {
                long v;
                if (gapRow || x % 1031 == 1030) {
                    v = gap;
                } else {
                    int p = r.nextInt(1000);
                    v = p < 860 ? 0 : p < 985 ? 1 : p < 998 ? 2 + r.nextInt(4) : r.nextInt(2000);
                }
                switch (dtype.bytes()) {
                    case 1: b.put((byte) v); break;
                    case 2: b.putShort((short) v); break;
                    case 4: b.putInt((int) v); break;
                    default: b.putLong(v); break;
                }
            }
        }
        return b.flip();
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int cols = Integer.parseInt(args[1]);
        PixelType dtype = PixelType.fromName(args[2]);
        Compression compression = Compression.fromName(args[3]);
        int frames = Integer.parseInt(args[4]);
        double fps = Double.parseDouble(args[5]);
        String filename = args[6];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // blobs leave from direct buffers: jeromq sends those without copying them onto the heap again
        ByteBuffer[] pool = new ByteBuffer[POOL];
        for (int i = 0; i < POOL; i++) {
            ByteBuffer raw = pixels(rows, cols, dtype, i);
            ByteBuffer blob = compression == Compression.BSLZ4 ? Bslz4Codec.compress(raw, dtype.bytes()) : raw;
            pool[i] = ByteBuffer.allocateDirect(blob.remaining()).put(blob).flip();
        }
        ByteBuffer tiny = ByteBuffer.allocate(1);
        StinsEncoder enc = new StinsEncoder();
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
            long frameBytes = pool[0].remaining();
            // the sender's own queue: about 64 MB, so it does not buffer gigabytes of 2 MB frames
            push.setSndHWM((int) Math.max(4, Math.min(1000, (64L << 20) / Math.max(1, frameBytes))));
            push.setLinger(-1);
            // a port below the ranges that other programs pick at random (see TestSender)
            int port = push.bindToRandomPort("tcp://127.0.0.1", 20000, 32000);
            out.println("port " + port);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            long t0 = System.nanoTime();
            long bytes = 0;
            send(push, enc, new SeriesStart(0, 0, StreamFormat.STINS, filename, (long) frames,
                    Map.of("filename", filename), Map.of("exptime", 0.001)));
            for (int i = 0; i < frames; i++) {
                if (fps > 0) {
                    long due = t0 + (long) (i * 1e9 / fps);
                    while (System.nanoTime() < due) {
                        Thread.sleep(1);
                    }
                }
                // STINS header from the encoder (its blob part is not used), then the pooled blob
                byte[] header = enc.encode(new Frame(0, i + 1, i, rows, cols, dtype, compression, tiny, Map.of())).get(0);
                push.send(header, ZMQ.SNDMORE);
                push.sendByteBuffer(pool[i % POOL].duplicate(), 0);
                bytes += pool[i % POOL].remaining();
            }
            send(push, enc, new SeriesEnd(0, frames + 1));
            double s = (System.nanoTime() - t0) / 1e9;
            out.println("sent " + frames + " seconds " + s + " bytes " + bytes);
            in.readLine();
            push.close();
        }
    }

    private static void send(ZMQ.Socket push, StinsEncoder enc, StreamMessage m) {
        List<byte[]> parts = enc.encode(m);
        for (int i = 0; i < parts.size(); i++) {
            push.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
