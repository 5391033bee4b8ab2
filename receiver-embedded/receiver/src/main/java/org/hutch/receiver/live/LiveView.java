package org.hutch.receiver.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/**
 * What the HTTP threads show of the latest frame: its pixels decompressed and reduced on request,
 * on the requesting thread, with the results of the latest frame cached per (factor, reduce) and its
 * decompressed pixels cached once, only when factor 1 is asked for. Reduced views are built in bands
 * ({@link TiledReducer}), so they hold their output and a bounded scratch, never the whole frame. Reading never touches ingest: the slot is a swap.
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
