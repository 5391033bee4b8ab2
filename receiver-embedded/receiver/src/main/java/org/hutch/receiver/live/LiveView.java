package org.hutch.receiver.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/**
 * What the HTTP threads show of the latest frame: its pixels decompressed and reduced on request,
 * on the requesting thread, with the results of the latest frame cached per (factor, reduce). Reduced
 * views are built in bands ({@link TiledReducer}), so they hold their output and a bounded scratch,
 * never the whole frame; the full-resolution view is written out band by band
 * ({@link #writePixels}). Only {@link #raw} (for integration, which needs every pixel) decodes the whole
 * frame, cached once per frame. Reading never touches ingest: the slot is a swap.
 */
public final class LiveView {
    private record Key(int factor, BlockReduction reduce) {
    }

    /** The cache of one frame; replaced whole when a newer frame is asked for. */
    private static final class Cache {
        final long seq;
        final LastFrame frame;
        volatile ByteBuffer raw;
        final Map<Key, BlockReducer.Image> images = new ConcurrentHashMap<>();

        Cache(LastFrame frame) {
            this.frame = frame;
            this.seq = frame == null ? -1 : frame.seq();
        }
    }

    private final LastFrameSlot slot;
    private final AtomicReference<Cache> cache = new AtomicReference<>(new Cache(null));

    public LiveView(LastFrameSlot slot) {
        this.slot = slot;
    }

    /** The latest frame, or null before the first. */
    public LastFrame latest() {
        return slot.get();
    }

    /**
     * The frame to show for this reduction: the newest frame whose reduced image is already prepared
     * (at most one preparation period older than the newest), else the newest frame.
     */
    public LastFrame latestFor(int factor, BlockReduction reduce) {
        Cache c = cache.get();
        Key k = new Key(factor, factor == 1 ? BlockReduction.MAX : reduce);
        if (c.frame != null && (factor == 1 ? c.raw != null : c.images.containsKey(k))) {
            return c.frame;
        }
        return slot.get();
    }

    /** The frame's pixels decompressed (shared: do not modify). */
    public ByteBuffer raw(LastFrame lf) throws StreamFormatException {
        Cache c = cacheFor(lf);
        ByteBuffer r = c.raw;
        if (r == null) {
            synchronized (c) {
                // the preparer and a request may both want it: decompress once
                r = c.raw;
                if (r == null) {
                    r = FramePixels.decode(lf.frame());
                    c.raw = r;
                }
            }
        }
        return r.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Checks that the frame decodes, before a full-resolution view of it is sent: raw and bslz4 blobs were
     * checked whole at ingest; a plain LZ4 blob is decoded here, a band at a time, and dropped.
     */
    public void checkPixels(LastFrame lf) throws StreamFormatException {
        Frame f = lf.frame();
        int bandRows = bandRows(f);
        FrameBands check = new FrameBands(f, bandRows);
        if (f.compression() == Compression.LZ4) {
            for (int y = 0; y < f.rows(); y += bandRows) {
                check.next(Math.min(bandRows, f.rows() - y));
            }
        }
    }

    /**
     * Writes the frame's pixels decoded (little-endian, row-major, {@link Frame#rawBytes()} bytes) band by
     * band: what a full-resolution view holds is one band of at most {@link TiledReducer#SCRATCH_BYTES}
     * (and its decoder's window), never the whole decoded frame. Call {@link #checkPixels} first: a
     * frame that fails here has already sent part of its body.
     */
    public void writePixels(LastFrame lf, OutputStream out) throws StreamFormatException, IOException {
        Frame f = lf.frame();
        int bandRows = bandRows(f);
        FrameBands bands = new FrameBands(f, bandRows);
        byte[] copy = null;
        for (int y = 0; y < f.rows(); y += bandRows) {
            ByteBuffer band = bands.next(Math.min(bandRows, f.rows() - y));
            if (band.hasArray()) {
                out.write(band.array(), band.arrayOffset() + band.position(), band.remaining());
            } else {
                if (copy == null) {
                    copy = new byte[band.remaining()];
                }
                int n = band.remaining();
                band.get(copy, 0, n);
                out.write(copy, 0, n);
            }
        }
    }

    /** Rows per band of a full-resolution view: {@link TiledReducer#SCRATCH_BYTES} of them, one row at the least. */
    static int bandRows(Frame f) {
        long rowBytes = Math.max(1L, (long) f.cols() * f.dtype().bytes());
        return (int) Math.max(1, Math.min(f.rows(), TiledReducer.SCRATCH_BYTES / rowBytes));
    }

    /** The frame reduced by {@code factor} x {@code factor} blocks (factor 1: the pixels as they are). */
    public BlockReducer.Image image(LastFrame lf, int factor, BlockReduction reduce) throws StreamFormatException {
        Cache c = cacheFor(lf);
        Key k = new Key(factor, factor == 1 ? BlockReduction.MAX : reduce);
        BlockReducer.Image img = c.images.get(k);
        if (img == null) {
            synchronized (c.images) {
                img = c.images.get(k);
                if (img == null) {
                    if (factor == 1) {
                        var f = lf.frame();
                        img = new BlockReducer.Image(raw(lf), f.rows(), f.cols(), f.dtype());
                    } else {
                        // reduced band by band: a view never holds the whole decoded frame
                        img = TiledReducer.reduce(lf.frame(), factor, k.reduce()).image();
                    }
                    c.images.put(k, img);
                }
            }
        }
        return new BlockReducer.Image(img.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN), img.rows(),
                img.cols(), img.dtype());
    }

    private Cache cacheFor(LastFrame lf) {
        while (true) {
            Cache c = cache.get();
            if (c.seq == lf.seq()) {
                return c;
            }
            if (c.seq > lf.seq()) {
                // an older frame than the cached one: compute without caching
                return new Cache(lf);
            }
            Cache fresh = new Cache(lf);
            if (cache.compareAndSet(c, fresh)) {
                return fresh;
            }
        }
    }
}
