package org.hutch.detector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the installed {@link DetectorPlugin}s on the class path. */
public final class DetectorPlugins {

    private DetectorPlugins() {
    }

    /** All plugins found by {@link ServiceLoader}, sorted by id. */
    public static List<DetectorPlugin> all() {
        List<DetectorPlugin> plugins = new ArrayList<>();
        for (DetectorPlugin p : ServiceLoader.load(DetectorPlugin.class, DetectorPlugins.class.getClassLoader())) {
            plugins.add(p);
        }
        plugins.sort(Comparator.comparing(DetectorPlugin::id));
        return plugins;
    }

    /** The plugin with this id, if installed. */
    public static Optional<DetectorPlugin> find(String id) {
        return all().stream().filter(p -> p.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /** @throws DetectorException naming the unknown id and the installed ones */
    public static DetectorPlugin require(String id) throws DetectorException {
        return find(id).orElseThrow(() -> new DetectorOptionException("no detector plugin '" + id + "' (installed: "
                + all().stream().map(DetectorPlugin::id).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Opens a detector from a command-line spec {@code ID[:key=value,key=value...]}, for example
     * {@code simulator:bind=tcp://127.0.0.1:9999,format=stins}. <b>Blocking</b> (see {@link DetectorPlugin#open}).
     */
    public static Detector open(String spec) throws DetectorException {
        Spec s = parse(spec);
        return require(s.id()).open(s.options());
    }

    /** A parsed {@code ID[:key=value,...]} spec. */
    public record Spec(String id, Map<String, String> options) {
    }

    /** @throws DetectorException for an empty id or an option without {@code =} */
    public static Spec parse(String spec) throws DetectorException {
        if (spec == null || spec.isBlank()) {
            throw new DetectorOptionException("empty detector spec (expected ID[:key=value,...], for example simulator)");
        }
        int colon = spec.indexOf(':');
        String id = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        if (id.isEmpty()) {
            throw new DetectorOptionException("detector spec '" + spec + "' has no id before ':'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String kv : splitOptions(spec.substring(colon + 1))) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new DetectorOptionException("detector option '" + kv + "' in '" + spec + "' is not key=value");
                }
                options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return new Spec(id, options);
    }

    /** Splits on commas, except a comma followed by a digit-only token (a value such as {@code shape=512,512}). */
    private static List<String> splitOptions(String text) {
        List<String> parts = new ArrayList<>();
        for (String piece : text.split(",", -1)) {
            if (!parts.isEmpty() && !piece.contains("=") && piece.trim().matches("[0-9.]+")) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "," + piece);
            } else {
                parts.add(piece);
            }
        }
        return parts;
    }
}
