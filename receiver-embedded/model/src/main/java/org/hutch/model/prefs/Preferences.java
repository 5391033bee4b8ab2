package org.hutch.model.prefs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A module's tunables: defaults from its {@code <module>_preferences.properties} resource, where each
 * one is documented, overridden by a site file and then by system properties.
 *
 * <p>Keys in the site file and in system properties are {@code package/key}, as in Phoebus, for
 * example {@code org.hutch.app.live/poll_period_ms=500}. The site file is the one named by the
 * system property {@code hutch.preferences} or the environment variable {@code HUTCH_PREFERENCES},
 * else {@code /etc/hutch/preferences.properties} when it exists. A site value that does not parse
 * is an error that names the file and the key: a typo must not pass silently.
 *
 * <p>Only keys the defaults file declares can be read, so every tunable is documented in one place.
 */
public final class Preferences {

    /** System property naming the site file. */
    public static final String SITE_PROPERTY = "hutch.preferences";
    /** Environment variable naming the site file. */
    public static final String SITE_ENV = "HUTCH_PREFERENCES";
    /** The site file used when neither the property nor the variable is set. */
    public static final Path DEFAULT_SITE_FILE = Path.of("/etc/hutch/preferences.properties");

    private final String packageName;
    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Preferences(String packageName, Map<String, String> values, Map<String, String> sources) {
        this.packageName = packageName;
        this.values = values;
        this.sources = sources;
    }

    /**
     * Reads {@code resource} (next to {@code owner}, e.g. {@code "receiver_preferences.properties"})
     * with the site file and system properties applied.
     */
    public static Preferences load(Class<?> owner, String resource) {
        return load(owner, resource, siteFile(), System.getProperties());
    }

    /** As {@link #load(Class, String)} with an explicit site file (null: none) and system properties. */
    public static Preferences load(Class<?> owner, String resource, Path siteFile, Properties system) {
        String pkg = owner.getPackageName();
        Properties defaults = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preferences resource " + resource + " not found next to " + owner.getName());
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                defaults.load(r);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preferences resource " + resource + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        for (String key : defaults.stringPropertyNames()) {
            values.put(key, defaults.getProperty(key).trim());
            sources.put(key, resource);
        }
        if (siteFile != null && Files.isRegularFile(siteFile)) {
            Properties site = new Properties();
            try (Reader r = Files.newBufferedReader(siteFile, StandardCharsets.UTF_8)) {
                site.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read site preferences " + siteFile + ": " + e.getMessage(), e);
            }
            apply(pkg, site, values, sources, "site preferences " + siteFile);
        }
        apply(pkg, system, values, sources, "system property");
        return new Preferences(pkg, values, sources);
    }

    private static void apply(String pkg, Properties overrides, Map<String, String> values,
            Map<String, String> sources, String source) {
        String prefix = pkg + "/";
        for (String name : overrides.stringPropertyNames()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String key = name.substring(prefix.length());
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(source + ": " + name + " is not a known preference (known: "
                        + String.join(", ", values.keySet()) + ")");
            }
            values.put(key, overrides.getProperty(name).trim());
            sources.put(key, source);
        }
    }

    private static Path siteFile() {
        String named = System.getProperty(SITE_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(SITE_ENV);
        }
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("site preferences " + p + " (from " + SITE_PROPERTY + "/" + SITE_ENV
                        + ") is not a readable file");
            }
            return p;
        }
        return DEFAULT_SITE_FILE;
    }

    /** The raw text of a declared preference. */
    public String get(String key) {
        String v = values.get(Objects.requireNonNull(key, "key"));
        if (v == null) {
            throw new IllegalArgumentException(packageName + "/" + key + " is not declared in the preferences defaults");
        }
        return v;
    }

    public int getInt(String key) {
        return (int) parse(key, "an integer", Long::parseLong, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long getLong(String key) {
        return parse(key, "an integer", Long::parseLong, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A positive duration given in milliseconds. */
    public Duration getMillis(String key) {
        return Duration.ofMillis(parse(key, "a positive number of milliseconds", Long::parseLong, 1, Long.MAX_VALUE));
    }

    public double getDouble(String key) {
        String v = get(key);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the source
        }
        throw bad(key, v, "a finite number");
    }

    public boolean getBoolean(String key) {
        String v = get(key);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(key, v, "true or false");
    }

    private interface LongParser {
        long parse(String s);
    }

    private long parse(String key, String what, LongParser parser, long min, long max) {
        String v = get(key);
        try {
            long n = parser.parse(v.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the source
        }
        throw bad(key, v, what);
    }

    private IllegalArgumentException bad(String key, String value, String what) {
        return new IllegalArgumentException(sources.get(key) + ": " + packageName + "/" + key + " = '" + value
                + "' is not " + what);
    }
}
