package org.hutch.app.acquire;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The file name sent in a series header: what the user typed, with {@code .h5} added, or a time stamp. */
public final class SeriesFileName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private SeriesFileName() {
    }

    public static String of(String typed) {
        String t = typed == null ? "" : typed.trim();
        if (t.isEmpty()) {
            return "hutch_" + LocalDateTime.now().format(STAMP) + ".h5";
        }
        String last = t.substring(t.lastIndexOf('/') + 1);
        return last.contains(".") ? t : t + ".h5";
    }
}
