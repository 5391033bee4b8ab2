package org.hutch.model.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesTest {

    private static final String RES = "test_preferences.properties";

    @Test
    void defaultsComeFromTheResource() {
        Preferences p = Preferences.load(PreferencesTest.class, RES, null, new Properties());
        assertEquals(Duration.ofSeconds(1), p.getMillis("poll_period_ms"));
        assertEquals(1.5, p.getDouble("factor"));
        assertTrue(p.getBoolean("enabled"));
    }

    @Test
    void siteFileThenSystemPropertiesOverride(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site.properties");
        Files.writeString(site, "org.hutch.model.prefs/poll_period_ms=500\norg.hutch.model.prefs/factor=2\nother.pkg/x=1\n");
        Properties sys = new Properties();
        sys.setProperty("org.hutch.model.prefs/factor", "3.25");
        Preferences p = Preferences.load(PreferencesTest.class, RES, site, sys);
        assertEquals(500, p.getLong("poll_period_ms"));
        assertEquals(3.25, p.getDouble("factor"));
    }

    @Test
    void aBadSiteValueNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site.properties");
        Files.writeString(site, "org.hutch.model.prefs/poll_period_ms=fast\n");
        Preferences p = Preferences.load(PreferencesTest.class, RES, site, new Properties());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.getMillis("poll_period_ms"));
        assertTrue(e.getMessage().contains(site.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("org.hutch.model.prefs/poll_period_ms = 'fast'"), e.getMessage());
    }

    @Test
    void anUnknownSiteKeyIsAnError(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site.properties");
        Files.writeString(site, "org.hutch.model.prefs/pol_period_ms=500\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preferences.load(PreferencesTest.class, RES, site, new Properties()));
        assertTrue(e.getMessage().contains("pol_period_ms is not a known preference"), e.getMessage());
    }

    @Test
    void undeclaredKeysAndNonPositiveDurationsAreRefused() {
        Properties sys = new Properties();
        sys.setProperty("org.hutch.model.prefs/poll_period_ms", "0");
        Preferences p = Preferences.load(PreferencesTest.class, RES, null, sys);
        assertThrows(IllegalArgumentException.class, () -> p.get("nope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.getMillis("poll_period_ms"));
        assertTrue(e.getMessage().startsWith("system property:"), e.getMessage());
    }
}
