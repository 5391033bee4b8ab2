package org.hutch.app.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hutch.codec.CodecException;
import org.hutch.codec.pickle.NdArray;
import org.hutch.codec.pickle.PickleReader;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/**
 * Decodes MAX IV's {@code /last_frame} body: a pickle (protocol 4) of {@code [header, blob]} where the
 * blob is raw little-endian pixels or a bslz4/lz4 chunk (decompressed here), or of
 * {@code [header, ndarray]} (numpy's reconstruct sequence) when the receiver downsampled the frame.
 * Before any frame it is {@code [{}, b""]}.
 */
final class MaxIvLastFrame {

    /** A decoded frame, and whether the receiver already reduced it by its shared factor. */
    record Decoded(LiveFrame frame, boolean reducedByReceiver) {
    }

    private MaxIvLastFrame() {
    }

    /** @return the frame, or {@code null} when the receiver has none yet */
    static Decoded decode(byte[] pickle) throws ReceiverException {
        Object root;
        try {
            root = PickleReader.loads(pickle);
        } catch (CodecException | RuntimeException e) {
            throw new ReceiverException("the answer is not a readable pickle: " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> parts) || parts.size() < 2 || !(parts.get(0) instanceof Map<?, ?> rawHeader)) {
            throw new ReceiverException("expected a pickled [header, data] list, got " + describe(root));
        }
        Map<String, Object> header = new LinkedHashMap<>();
        rawHeader.forEach((k, v) -> header.put(String.valueOf(k), v));
        Object data = parts.get(1);
        if (header.isEmpty() && (data == null || bytes(data) != null && bytes(data).length == 0)) {
            return null;
        }
        long frameNo = number(header.get("frame"), -1);
        if (data instanceof NdArray a) {
            return new Decoded(fromNdArray(a, frameNo), true);
        }
        byte[] blob = bytes(data);
        if (blob == null) {
            throw new ReceiverException("expected bytes or a numpy array after the header, got " + describe(data));
        }
        int[] shape = shape(header.get("shape"));
        PixelType dtype;
        Compression compression;
        try {
            dtype = PixelType.fromName(String.valueOf(header.get("type")));
            compression = Compression.fromName(header.get("compression") == null ? "none"
                    : String.valueOf(header.get("compression")));
        } catch (IllegalArgumentException e) {
            throw new ReceiverException("frame header: " + e.getMessage(), e);
        }
        Frame f = new Frame(-1, number(header.get("msg_number"), -1), frameNo, shape[0], shape[1], dtype, compression,
                ByteBuffer.wrap(blob), header);
        try {
            ByteBuffer pixels = compression == Compression.NONE ? ByteBuffer.wrap(blob) : FramePixels.decode(f);
            return new Decoded(new LiveFrame(-1, frameNo, shape[0], shape[1], dtype, pixels, 1), false);
        } catch (StreamFormatException | IllegalArgumentException e) {
            throw new ReceiverException("frame " + frameNo + " (" + compression.wireName() + ", " + shape[0] + "x"
                    + shape[1] + " " + dtype.numpyName() + ") cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static LiveFrame fromNdArray(NdArray a, long frameNo) throws ReceiverException {
        if (a.shape().length != 2) {
            throw new ReceiverException("expected a 2-D numpy array, got shape " + Arrays.toString(a.shape()));
        }
        if (a.fortranOrder() || !a.littleEndian()) {
            throw new ReceiverException("numpy array in Fortran order or big-endian is not supported (dtype "
                    + a.dtype() + ")");
        }
        try {
            return new LiveFrame(-1, frameNo, a.shape()[0], a.shape()[1], PixelType.fromName(a.dtype()),
                    ByteBuffer.wrap(a.data()), 1);
        } catch (IllegalArgumentException e) {
            throw new ReceiverException("numpy array: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof ByteBuffer bb) {
            byte[] b = new byte[bb.remaining()];
            bb.duplicate().get(b);
            return b;
        }
        return null;
    }

    private static int[] shape(Object o) throws ReceiverException {
        Object[] items = o instanceof Collection<?> c ? c.toArray()
                : o instanceof Object[] arr ? arr
                : o instanceof int[] ia ? Arrays.stream(ia).boxed().toArray()
                : o instanceof long[] la ? Arrays.stream(la).boxed().toArray() : null;
        if (items == null || items.length != 2 || !(items[0] instanceof Number) || !(items[1] instanceof Number)) {
            throw new ReceiverException("frame header has no 2-D 'shape' (got " + describe(o) + ")");
        }
        return new int[] {((Number) items[0]).intValue(), ((Number) items[1]).intValue()};
    }

    private static long number(Object o, long fallback) {
        return o instanceof Number n ? n.longValue() : fallback;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
