package org.hutch.app.acquire;

import java.util.Optional;

/** How a series' file is told to the user: frames on disk and where, and a file name the detector did not pass on. */
public final class SeriesFiles {
    private SeriesFiles() {
    }

    /**
     * For example {@code "12 frames on disk in /data/scan.h5"}.
     *
     * @param written frames on disk, or -1 when the receiver does not say
     * @param received frames received (said instead when {@code written} is unknown)
     * @param file    the file, or {@code null}
     */
    public static String onDisk(long written, long received, String file) {
        if (file == null || file.isEmpty()) {
            return written > 0 ? written + " frames on disk (the receiver names no file)" : "no file written";
        }
        if (written < 0) {
            return received + " frames received into " + file + " (the receiver does not say how many are on disk)";
        }
        return written + (written == 1 ? " frame" : " frames") + " on disk in " + file;
    }

    /**
     * A warning when the receiver writes another file than the one asked for: a DCU that ignores the header
     * appendix (where the file name travels) makes the receiver choose its own name.
     *
     * @param requested the file name given at Arm ({@code ""}: the receiver's default, never warned about)
     * @param actual    the file the receiver reports, or {@code null} (not known yet)
     */
    public static Optional<String> nameNotApplied(String requested, String actual) {
        if (requested == null || requested.isEmpty() || actual == null || actual.isEmpty()) {
            return Optional.empty();
        }
        String want = requested.replace('\\', '/');
        String got = actual.replace('\\', '/');
        if (got.equals(want) || got.endsWith("/" + want)) {
            return Optional.empty();
        }
        return Optional.of("the file name was not applied: the receiver writes " + actual + " instead of " + requested
                + " (the detector did not pass the name on; its firmware may ignore the header appendix)");
    }
}
