package org.hutch.azint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The detectors pyFAI knows by name that Hutch recognises in a PONI file: pixel sizes (metres) and
 * full shape (rows, cols). Names match pyFAI's case-, space-, dash- and underscore-insensitively.
 */
public record DetectorModel(String name, double pixel1, double pixel2, int rows, int cols) {

    private static final double PILATUS = 172e-6;
    private static final double EIGER = 75e-6;
    private static final Map<String, DetectorModel> KNOWN = new LinkedHashMap<>();

    static {
        add("Pilatus100k", PILATUS, 195, 487);
        add("Pilatus200k", PILATUS, 407, 487);
        add("Pilatus300k", PILATUS, 619, 487);
        add("Pilatus300kw", PILATUS, 195, 1475);
        add("Pilatus1M", PILATUS, 1043, 981);
        add("Pilatus2M", PILATUS, 1679, 1475);
        add("Pilatus6M", PILATUS, 2527, 2463);
        add("Eiger500k", EIGER, 514, 1030);
        add("Eiger1M", EIGER, 1065, 1030);
        add("Eiger4M", EIGER, 2167, 2070);
        add("Eiger9M", EIGER, 3269, 3110);
        add("Eiger16M", EIGER, 4371, 4150);
        add("Eiger2_500k", EIGER, 512, 1028);
        add("Eiger2_1M", EIGER, 1062, 1028);
        add("Eiger2_4M", EIGER, 2162, 2068);
        add("Eiger2_9M", EIGER, 3262, 3108);
        add("Eiger2_16M", EIGER, 4362, 4148);
        // pyFAI also lists the CdTe variants of the Eiger2 under their own names
        for (String size : new String[] {"500k", "1M", "4M", "9M", "16M"}) {
            DetectorModel m = KNOWN.get(key("Eiger2_" + size));
            KNOWN.put(key("Eiger2_CdTe_" + size), new DetectorModel("Eiger2_CdTe_" + size, m.pixel1, m.pixel2, m.rows, m.cols));
        }
    }

    private static void add(String name, double pixel, int rows, int cols) {
        KNOWN.put(key(name), new DetectorModel(name, pixel, pixel, rows, cols));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    /** The known detector of that pyFAI name, if any. */
    public static Optional<DetectorModel> byName(String name) {
        return Optional.ofNullable(KNOWN.get(key(name)));
    }

    /** Names of all known detectors, for error messages and help. */
    public static java.util.List<String> names() {
        return KNOWN.values().stream().map(DetectorModel::name).toList();
    }
}
