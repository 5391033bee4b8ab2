package org.hutch.receiver.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hutch.model.receiver.ReceiverStatus;

/** {@code /api/v1/status} as a JSON-ready map, keys in the documented order. */
final class StatusJson {
    private StatusJson() {
    }

    static Map<String, Object> of(ReceiverStatus s, String version) {
        return of(s, version, java.util.List.of());
    }

    /** @param deadThreads receiver threads that died ("name: why"), reported until a restart */
    static Map<String, Object> of(ReceiverStatus s, String version, java.util.List<String> deadThreads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().wireName());
        m.put("error", s.error());
        m.put("error_time", s.errorTime() == null ? null : s.errorTime().toString());
        if (s.series() == null) {
            m.put("series", null);
        } else {
            ReceiverStatus.Series se = s.series();
            Map<String, Object> ser = new LinkedHashMap<>();
            ser.put("id", se.id());
            ser.put("filename", se.filename());
            ser.put("expected", se.expected());
            ser.put("received", se.received());
            ser.put("written", se.written());
            ser.put("lost", se.lost());
            ser.put("started", se.started() == null ? null : se.started().toString());
            ser.put("end", se.end());
            m.put("series", ser);
        }
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("fps", s.fps());
        rates.put("bytes_per_s", s.bytesPerSecond());
        m.put("rates", rates);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("frames", s.queueFrames());
        queue.put("bytes", s.queueBytes());
        m.put("queue", queue);
        m.put("lost", s.lost());
        m.put("duplicates", s.duplicates());
        m.put("dead_threads", deadThreads);
        m.put("version", version);
        return m;
    }
}
