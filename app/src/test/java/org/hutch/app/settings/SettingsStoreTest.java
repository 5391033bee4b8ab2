package org.hutch.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"));
        AppSettings s = AppSettings.defaults()
                .withReceiverRemembered("http://a:5000")
                .withReceiverRemembered("http://b:5000")
                .withReceiverRemembered("http://a:5000")
                .withImageView("viridis", null, 1, 99.5)
                .withDetectorSettings("simulator", Map.of("exposure", 0.05, "frames", 20));
        s = s.withLayout(s.layout().withWindow(0, 0, 1400.0, 900));
        assertTrue(store.save(s));

        AppSettings back = store.load();
        assertEquals(java.util.List.of("http://a:5000", "http://b:5000"), back.recentReceivers());
        assertEquals("viridis", back.colormap());
        assertEquals(99.5, back.contrastHighPercentile());
        assertEquals(20, ((Number) back.detectorSettings().get("simulator").get("frames")).intValue());
        assertEquals(1400.0, back.layout().width());
    }

    @Test
    void corruptFileGivesDefaultsAndIsKeptAside() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"colormap\": \"gray\", \"recentReceivers\": [1, ");
        SettingsStore store = new SettingsStore(file);
        AppSettings s = store.load();
        assertTrue(store.loadProblem().orElseThrow().contains("settings.json.corrupt-"), "the window is told why");
        assertTrue(s.recentReceivers().isEmpty());
        assertEquals(null, s.colormap());
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")));
        }
    }

    @Test
    void unknownKeysAndNullsAreTolerated() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"futureKey\": 3, \"recentReceivers\": null, \"layout\": null, \"pollHz\": 2.0}");
        AppSettings s = new SettingsStore(file).load();
        assertTrue(s.recentReceivers().isEmpty());
        assertEquals(2.0, s.pollHz());
        s = s.withReceiverRemembered("http://x:1");
        assertEquals(1, s.recentReceivers().size());
    }

    @Test
    void recentReceiversAreCapped() {
        AppSettings s = AppSettings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withReceiverRemembered("http://h" + i + ":5000");
        }
        assertEquals(AppSettings.MAX_RECENT, s.recentReceivers().size());
        assertEquals("http://h14:5000", s.recentReceivers().get(0));
    }
}
