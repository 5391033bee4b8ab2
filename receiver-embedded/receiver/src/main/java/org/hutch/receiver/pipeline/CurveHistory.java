package org.hutch.receiver.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.receiver.pipeline.AzintPipeline.IntegratedFrame;

/** The last N integrated frames, for {@code GET /api/v1/pipeline/curves}. */
public final class CurveHistory implements AzintPipeline.Listener {
    private final int capacity;
    private final ArrayDeque<IntegratedFrame> last = new ArrayDeque<>();

    public CurveHistory(int capacity) {
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized void integrated(IntegratedFrame f) {
        last.addLast(f.withoutCake()); // 256 cakes would be hundreds of MB; LastCake keeps the newest
        while (last.size() > capacity) {
            last.removeFirst();
        }
    }

    /** Up to n of the newest frames, oldest first. */
    public synchronized List<IntegratedFrame> newest(int n) {
        List<IntegratedFrame> all = new ArrayList<>(last);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /**
     * JSON of up to n newest frames: the radial axis once (from the newest), then per frame its series,
     * frame number, row and I (and sigma). Frames of an older series with another axis are left out.
     */
    public Map<String, Object> toJson(int n) {
        List<IntegratedFrame> frames = newest(n);
        Map<String, Object> m = new LinkedHashMap<>();
        if (frames.isEmpty()) {
            m.put("curves", List.of());
            return m;
        }
        IntegratedFrame newest = frames.get(frames.size() - 1);
        m.put("series", newest.series().name());
        m.put("unit", newest.result().unit().pyfaiName());
        m.put("radial", newest.result().radial());
        List<Map<String, Object>> curves = new ArrayList<>();
        for (IntegratedFrame f : frames) {
            if (f.series() != newest.series()) {
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("frame", f.frame());
            c.put("index", f.index());
            c.put("intensity", f.result().intensity());
            if (f.result().sigma() != null) {
                c.put("sigma", f.result().sigma());
            }
            curves.add(c);
        }
        m.put("curves", curves);
        return m;
    }
}
