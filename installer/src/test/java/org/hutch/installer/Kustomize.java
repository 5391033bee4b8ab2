package org.hutch.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The part of kustomize that installer/k8s uses, so the manifests render where kubectl is absent:
 * {@code resources} (files and folders with a kustomization), {@code namespace}, and strategic-merge
 * {@code patches} (maps merged, lists of named items merged by name, other lists replaced). Any other
 * key is refused, so the manifests cannot silently outgrow it; where kubectl is present the test
 * checks that both render the same.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml uses '" + key
                        + "', which this renderer does not know: render with kubectl kustomize");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            out.addAll(Files.isDirectory(p) ? render(p) : documents(p));
        }
        for (JsonNode patch : k.path("patches")) {
            for (ObjectNode doc : documents(dir.resolve(patch.path("path").asText()))) {
                ObjectNode target = out.stream().filter(o -> sameObject(o, doc)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("patch for " + id(doc) + " matches no resource"));
                merge(target, doc);
            }
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode o : out) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    ((ObjectNode) o.get("metadata")).put("namespace", ns);
                }
            }
        }
        return out;
    }

    /** Every non-empty document of a multi-document YAML text. */
    static List<ObjectNode> documents(String yaml) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(yaml)) {
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode n = it.next();
                if (n instanceof ObjectNode o && !o.isEmpty()) {
                    docs.add(o);
                }
            }
        }
        return docs;
    }

    static List<ObjectNode> documents(Path file) throws IOException {
        return documents(Files.readString(file));
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return id(a).equals(id(b)) && a.path("apiVersion").equals(b.path("apiVersion"));
    }

    /** Strategic merge as kustomize does it for the fields these manifests patch. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode t = target.get(e.getKey());
            JsonNode p = e.getValue();
            if (t instanceof ObjectNode to && p instanceof ObjectNode po) {
                merge(to, po);
            } else if (t instanceof ArrayNode ta && p instanceof ArrayNode pa && named(ta) && named(pa)) {
                Map<String, ObjectNode> byName = new LinkedHashMap<>();
                ta.forEach(n -> byName.put(n.get("name").asText(), (ObjectNode) n));
                for (JsonNode n : pa) {
                    ObjectNode existing = byName.get(n.get("name").asText());
                    if (existing != null) {
                        merge(existing, (ObjectNode) n);
                    } else {
                        ta.add(n);
                    }
                }
            } else {
                target.set(e.getKey(), p.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode a) {
        for (JsonNode n : a) {
            if (!(n instanceof ObjectNode) || !n.hasNonNull("name")) {
                return false;
            }
        }
        return !a.isEmpty();
    }

    static Map<String, Object> asMap(JsonNode n) {
        return YAML.convertValue(n, new TypeReference<Map<String, Object>>() { });
    }
}
