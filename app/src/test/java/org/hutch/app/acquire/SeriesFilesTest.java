package org.hutch.app.acquire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What is said about a series' file. */
class SeriesFilesTest {

    @Test
    void framesOnDiskAndWhere() {
        assertEquals("12 frames on disk in /data/a.h5", SeriesFiles.onDisk(12, 12, "/data/a.h5"));
        assertEquals("1 frame on disk in a.h5", SeriesFiles.onDisk(1, 1, "a.h5"));
        assertEquals("no file written", SeriesFiles.onDisk(0, 0, null));
        assertTrue(SeriesFiles.onDisk(-1, 7, "a.h5").startsWith("7 frames received into a.h5"));
    }

    @Test
    void aFileNameTheReceiverDidNotUseIsNamed() {
        assertTrue(SeriesFiles.nameNotApplied("scan.h5", "/data/scan.h5").isEmpty());
        assertTrue(SeriesFiles.nameNotApplied("sub/scan.h5", "/data/sub/scan.h5").isEmpty());
        assertTrue(SeriesFiles.nameNotApplied("", "/data/series_1_2026.h5").isEmpty(), "no name asked for");
        assertEquals("the file name was not applied: the receiver writes /data/series_1_x.h5 instead of scan.h5"
                        + " (the detector did not pass the name on; its firmware may ignore the header appendix)",
                SeriesFiles.nameNotApplied("scan.h5", "/data/series_1_x.h5").orElseThrow());
        assertTrue(SeriesFiles.nameNotApplied("scan.h5", "/data/myscan.h5").isPresent(), "a suffix is not the name");
    }
}
