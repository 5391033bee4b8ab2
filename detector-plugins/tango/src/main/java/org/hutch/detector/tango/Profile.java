package org.hutch.detector.tango;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hutch.detector.DetectorException;

/**
 * A named, documented set of defaults for the plugin's options: the role names (attributes and commands), the
 * state model (where idle / armed / acquiring / fault is read) and the command sequence of one kind of Tango
 * detector device. {@code profile=NAME} selects one; every option given to the detector wins over the profile.
 *
 * <p>Built in: {@code maxiv} (the default), {@code maxiv-eiger} and {@code lima}, as properties files beside this
 * class. A site adds its own as {@code NAME.properties} in the profile folder ({@link #siteFolder()}); a site file
 * of a built-in's name replaces it. Keys are the plugin's option keys, plus {@code description}.
 *
 * @param name        what {@code profile=} selects
 * @param description one line for the user
 * @param values      option defaults, by option key
 * @param source      where it was read, for messages
 */
record Profile(String name, String description, Map<String, String> values, String source) {

    static final String DEFAULT = "maxiv";
    static final List<String> BUILT_IN = List.of("maxiv", "maxiv-eiger", "lima");
    private static final String SITE_SUFFIX = ".properties";

    Profile {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The profile of that name: the site's file when there is one, else the built-in.
     *
     * @param optionKeys the plugin's option keys: a profile key outside them is an error naming the file
     * @throws DetectorException for an unknown name (listing the known ones), an unreadable file or a bad key
     */
    static Profile load(String name, Collection<String> optionKeys) throws DetectorException {
        String n = name == null || name.isBlank() ? DEFAULT : name.trim();
        Path site = siteFolder().resolve(n + SITE_SUFFIX);
        Profile p;
        if (Files.isRegularFile(site)) {
            try (Reader r = Files.newBufferedReader(site, StandardCharsets.UTF_8)) {
                p = parse(n, r, site.toString());
            } catch (IOException e) {
                throw new DetectorException("cannot read Tango profile " + site + ": " + e.getMessage(), e);
            }
        } else if (BUILT_IN.contains(n)) {
            p = builtIn(n);
        } else {
            throw new DetectorException("unknown Tango profile '" + n + "' (known: " + String.join(", ", names())
                    + "; a site profile is a file " + site + ")");
        }
        for (String key : p.values().keySet()) {
            if (!optionKeys.contains(key) || key.equals("device") || key.equals("profile")) {
                throw new DetectorException("Tango profile " + p.source() + ": unknown key '" + key
                        + "' (keys are the plugin's options: " + String.join(", ", optionKeys) + ")");
            }
        }
        return p;
    }

    /** A built-in profile; they ship with the plugin, so failing to read one is a packaging error. */
    static Profile builtIn(String name) {
        String resource = "profiles/" + name + SITE_SUFFIX;
        try (InputStream in = Profile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in Tango profile missing: " + resource);
            }
            return parse(name, new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "built-in " + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in Tango profile " + resource, e);
        }
    }

    /** The built-in profiles and those in the site folder, sorted, built-ins first. */
    static List<String> names() {
        List<String> out = new ArrayList<>(BUILT_IN);
        Path folder = siteFolder();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                TreeSet<String> site = new TreeSet<>();
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(SITE_SUFFIX))
                        .map(f -> f.substring(0, f.length() - SITE_SUFFIX.length())).forEach(site::add);
                site.removeAll(out);
                out.addAll(site);
            } catch (IOException e) {
                // an unreadable folder lists no site profile; loading one by name reports the reason
            }
        }
        return out;
    }

    /**
     * The site's profile folder: the preference {@code profile_dir} when set, else {@code tango-profiles} in the
     * settings folder ({@code -Dhutch.config.dir}, else {@code $XDG_CONFIG_HOME/hutch}, else {@code ~/.config/hutch}).
     */
    static Path siteFolder() {
        String configured = TangoPreferences.load().profileDir();
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String override = System.getProperty("hutch.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override).resolve("tango-profiles");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hutch").resolve("tango-profiles");
    }

    private static Profile parse(String name, Reader reader, String source) throws IOException {
        Properties props = new Properties();
        props.load(reader);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (!key.equals("description")) {
                values.put(key, props.getProperty(key).trim());
            }
        }
        return new Profile(name, props.getProperty("description", "").trim(), values, source);
    }
}
