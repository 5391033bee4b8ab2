package org.hutch.stream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of recorded ZeroMQ multipart messages. Per message, little-endian:
 * {@code uint32 number of parts}, then per part {@code uint64 length} and the bytes.
 */
public final class ZmqDump {
    /** refuse absurd sizes from a corrupt file instead of running out of memory */
    private static final long MAX_PART = Integer.MAX_VALUE - 16;
    private static final long MAX_PARTS = 1 << 20;

    private ZmqDump() {
    }

    /** Reads every message of a dump. */
    public static List<List<byte[]>> readAll(Path file) throws IOException {
        List<List<byte[]>> all = new ArrayList<>();
        try (Reader r = new Reader(Files.newInputStream(file), file.toString())) {
            List<byte[]> m;
            while ((m = r.next()) != null) {
                all.add(m);
            }
        }
        return all;
    }

    /** Writes messages to a new dump (replacing the file). */
    public static void writeAll(Path file, List<List<byte[]>> messages) throws IOException {
        try (Writer w = new Writer(Files.newOutputStream(file))) {
            for (List<byte[]> m : messages) {
                w.write(m);
            }
        }
    }

    /** Reads messages one at a time. */
    public static final class Reader implements Closeable {
        private final InputStream in;
        private final String name;
        private long offset;

        public Reader(InputStream in, String name) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.name = name;
        }

        /** @return the next message's parts, or null at the end of the file */
        public List<byte[]> next() throws IOException {
            long at = offset;
            byte[] countBytes = new byte[4];
            int got = in.readNBytes(countBytes, 0, 4);
            if (got == 0) {
                return null;
            }
            if (got < 4) {
                throw new EOFException(name + ": truncated message header at byte " + at);
            }
            offset += 4;
            long count = ByteBuffer.wrap(countBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (count == 0 || count > MAX_PARTS) {
                throw new IOException(name + ": message at byte " + at + " claims " + count + " parts");
            }
            List<byte[]> parts = new ArrayList<>((int) count);
            byte[] lenBytes = new byte[8];
            for (int i = 0; i < count; i++) {
                if (in.readNBytes(lenBytes, 0, 8) < 8) {
                    throw new EOFException(name + ": truncated part length in message at byte " + at);
                }
                offset += 8;
                long len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (len < 0 || len > MAX_PART) {
                    throw new IOException(name + ": part " + i + " of message at byte " + at + " claims " + len
                            + " bytes");
                }
                byte[] part = in.readNBytes((int) len);
                if (part.length < len) {
                    throw new EOFException(name + ": part " + i + " of message at byte " + at + " truncated: "
                            + part.length + " of " + len + " bytes");
                }
                offset += len;
                parts.add(part);
            }
            return parts;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Appends messages. */
    public static final class Writer implements Closeable {
        private final OutputStream out;

        public Writer(OutputStream out) {
            this.out = new BufferedOutputStream(out, 1 << 16);
        }

        public void write(List<byte[]> parts) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            out.write(b.putInt(0, parts.size()).array(), 0, 4);
            for (byte[] p : parts) {
                out.write(b.putLong(0, p.length).array(), 0, 8);
                out.write(p);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
