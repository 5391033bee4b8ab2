package org.hutch.receiver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one detector's entry of MAX IV's streaming-receiver {@code detectors.yaml}:
 * {@code class} (Detector = STINS, Eiger = DECTRIS Stream V1 on port 9999, DectrisStream2 = Stream V2 on 31001),
 * {@code dcu_host_purple} (a host or a list of hosts), {@code dcu_port_purple} (a port or a list, default 9999),
 * {@code nworkers}, {@code api_port} (default 5000 as in MAX IV), {@code data_port}, {@code dset_name}.
 * Other keys ({@code rep_port}, ...) are ignored.
 */
public final class DetectorsYaml {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorsYaml.class);
    /** MAX IV's default API port. */
    public static final int MAXIV_API_PORT = 5000;

    private DetectorsYaml() {
    }

    /**
     * @return a builder preset from the entry; the caller may override (data dir, API host, token) and build
     * @throws IllegalArgumentException naming the file, the detector and the key when something is wrong
     */
    public static ReceiverConfig.Builder load(Path file, String detector) throws IOException {
        Map<String, Object> all;
        try {
            all = new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(file),
                    new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (all == null || !all.containsKey(detector)) {
            throw new IllegalArgumentException("detector '" + detector + "' is not in " + file
                    + (all == null ? "" : " (it has: " + String.join(", ", all.keySet()) + ")"));
        }
        if (!(all.get(detector) instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("entry '" + detector + "' in " + file + " is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) raw;
        try {
            return fromEntry(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ", detector '" + detector + "': " + e.getMessage(), e);
        }
    }

    /** Builds from an already parsed entry (keys as in detectors.yaml). */
    public static ReceiverConfig.Builder fromEntry(Map<String, Object> entry) {
        String cls = String.valueOf(entry.getOrDefault("class", "Detector"));
        ReceiverConfig.InputFormat format;
        Integer fixedPort = null;
        switch (cls) {
            case "Detector": format = ReceiverConfig.InputFormat.STINS; break;
            case "Eiger": format = ReceiverConfig.InputFormat.DECTRIS_V1; fixedPort = 9999; break;
            case "DectrisStream2": format = ReceiverConfig.InputFormat.DECTRIS_V2; fixedPort = 31001; break;
            default:
                throw new IllegalArgumentException("class '" + cls
                        + "' is not supported (use Detector for STINS, Eiger for DECTRIS Stream V1, DectrisStream2 for V2)");
        }
        if (entry.get("pipeline") != null) {
            LOG.warn("detectors.yaml key 'pipeline: {}' is ignored: frames are stored as they arrive", entry.get("pipeline"));
        }
        List<String> hosts = stringList(entry.get("dcu_host_purple"), "dcu_host_purple");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("key 'dcu_host_purple' is missing");
        }
        // MAX IV hard-codes 9999 (V1) and 31001 (V2); an explicit dcu_port_purple still wins here
        int defaultPort = fixedPort == null ? 9999 : fixedPort;
        List<Integer> ports = new ArrayList<>();
        Object portValue = entry.get("dcu_port_purple");
        if (portValue instanceof List<?> list) {
            for (Object o : list) {
                ports.add(intValue(o, "dcu_port_purple"));
            }
            if (ports.size() != hosts.size()) {
                throw new IllegalArgumentException("dcu_host_purple has " + hosts.size() + " hosts but dcu_port_purple "
                        + ports.size() + " ports");
            }
        } else {
            int p = portValue == null ? defaultPort : intValue(portValue, "dcu_port_purple");
            hosts.forEach(h -> ports.add(p));
        }
        ReceiverConfig.Builder b = ReceiverConfig.builder().format(format);
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            b.endpoint("tcp://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + ports.get(i));
        }
        if (entry.get("nworkers") != null) {
            b.workers(intValue(entry.get("nworkers"), "nworkers"));
        }
        b.apiPort(entry.get("api_port") == null ? MAXIV_API_PORT : intValue(entry.get("api_port"), "api_port"));
        if (entry.get("data_port") != null) {
            b.dataPort(intValue(entry.get("data_port"), "data_port"));
        }
        if (entry.get("dset_name") != null) {
            b.dsetName(String.valueOf(entry.get("dset_name")));
        }
        return b;
    }

    private static List<String> stringList(Object value, String key) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(String.valueOf(o).trim());
            }
        } else if (value != null) {
            out.add(String.valueOf(value).trim());
        }
        for (String s : out) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("key '" + key + "' has an empty host");
            }
        }
        return out;
    }

    private static int intValue(Object o, String key) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer, not '" + o + "'");
        }
    }
}
