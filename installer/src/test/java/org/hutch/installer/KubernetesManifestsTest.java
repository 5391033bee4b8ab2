package org.hutch.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import org.hutch.receiver.DetectorsYaml;
import org.hutch.receiver.ReceiverConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * installer/k8s rendered (kustomize, or {@link Kustomize} where kubectl is absent), every object
 * parsed with fabric8's kubernetes-model with unknown fields refused, and the invariants a facility
 * relies on checked: selectors match labels, probes and services name ports that exist, nothing runs
 * as root, the heap follows the memory limit, the mounted detectors.yaml agrees with the ports.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("hutch.root", "..")).resolve("installer/k8s");
    private static final JsonMapper FABRIC8_JSON = JsonMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class, "Deployment", Deployment.class,
            "Service", Service.class, "Ingress", Ingress.class);

    @Test
    void baseLoadsWithoutKubectlAndKeepsTheInvariants() throws Exception {
        Objects base = Objects.of(Kustomize.render(K8S.resolve("base")));
        assertTrue(base.all(Namespace.class).isEmpty(), "the namespace belongs to the overlay");
        checkInvariants(base);
    }

    @Test
    void exampleOverlayRendersParsesAndKeepsTheInvariants() throws Exception {
        List<ObjectNode> rendered = Kustomize.render(K8S.resolve("overlays/example"));
        Optional<List<ObjectNode>> kubectl = kubectlKustomize(K8S.resolve("overlays/example"));
        if (kubectl.isPresent()) {
            assertEquals(byId(kubectl.get()), byId(rendered), "kubectl kustomize and the test's renderer disagree");
        } else {
            System.err.println("KubernetesManifestsTest: kubectl not on the PATH: overlay rendered by the test's "
                    + "own kustomize subset only");
        }
        Objects o = Objects.of(rendered);
        checkInvariants(o);

        Namespace ns = o.one(Namespace.class);
        assertEquals("hutch-example-eiger", ns.getMetadata().getName());
        for (HasMetadata h : o.list) {
            if (!(h instanceof Namespace)) {
                assertEquals(ns.getMetadata().getName(), h.getMetadata().getNamespace(), h.getKind() + " outside the namespace");
            }
        }
        Secret token = o.named(Secret.class, volume(o, Volume::getSecret).getSecret().getSecretName());
        assertTrue(token.getStringData() != null && token.getStringData().containsKey("token")
                || token.getData() != null && token.getData().containsKey("token"), "the Secret has no 'token' key");
        Container c = container(o);
        assertEquals("registry.example.org/hutch/hutch-receiver:0.1.0", c.getImage());
        assertEquals(new Quantity("4Gi"), c.getResources().getLimits().get("memory"));
        assertFalse(o.one(Ingress.class).getSpec().getTls().isEmpty(), "the Ingress has no TLS");
    }

    @Test
    void unknownFieldsAndRootContainersAreRefused() throws Exception {
        List<ObjectNode> rendered = Kustomize.render(K8S.resolve("base"));
        ObjectNode deployment = rendered.stream().filter(n -> n.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow();
        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.get("spec")).put("replica", 2);
        AssertionError unknown = assertThrows(AssertionError.class, () -> parse(typo));
        assertTrue(unknown.getMessage().contains("replica"), unknown.getMessage());

        ObjectNode root = deployment.deepCopy();
        ((ObjectNode) root.at("/spec/template/spec/securityContext")).put("runAsUser", 0);
        List<ObjectNode> withRoot = new ArrayList<>(rendered);
        withRoot.replaceAll(n -> n == deployment ? root : n);
        AssertionError asRoot = assertThrows(AssertionError.class, () -> checkInvariants(Objects.of(withRoot)));
        assertTrue(asRoot.getMessage().contains("root"), asRoot.getMessage());

        ObjectNode badProbe = deployment.deepCopy();
        ((ObjectNode) badProbe.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("port", "http");
        List<ObjectNode> withBadProbe = new ArrayList<>(rendered);
        withBadProbe.replaceAll(n -> n == deployment ? badProbe : n);
        AssertionError probe = assertThrows(AssertionError.class, () -> checkInvariants(Objects.of(withBadProbe)));
        assertTrue(probe.getMessage().contains("port"), probe.getMessage());
    }

    // ---- invariants

    private static void checkInvariants(Objects o) throws Exception {
        Deployment d = o.one(Deployment.class);
        assertEquals(1, d.getSpec().getReplicas(), "one receiver per detector stream");
        assertEquals("Recreate", d.getSpec().getStrategy().getType());
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(d.getSpec().getSelector().getMatchLabels().entrySet()),
                "the Deployment's selector does not match its pod labels");
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = container(o);
        List<ContainerPort> ports = c.getPorts();

        // nobody runs as root
        PodSecurityContext psc = pod.getSecurityContext();
        assertNotNull(psc, "no pod securityContext");
        assertTrue(Boolean.TRUE.equals(psc.getRunAsNonRoot()), "pod may run as root: runAsNonRoot is not true");
        assertTrue(psc.getRunAsUser() == null || psc.getRunAsUser() != 0, "pod runs as root (runAsUser 0)");
        for (Container each : pod.getContainers()) {
            SecurityContext sc = each.getSecurityContext();
            assertNotNull(sc, each.getName() + ": no securityContext");
            assertTrue(sc.getRunAsUser() == null || sc.getRunAsUser() != 0, each.getName() + " runs as root (runAsUser 0)");
            assertFalse(Boolean.FALSE.equals(sc.getRunAsNonRoot()), each.getName() + " may run as root");
            assertTrue(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()), each.getName() + ": root file system writable");
            assertTrue(Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()), each.getName() + " may escalate");
        }

        // probes on /api/v1/status at a port the container has
        for (Probe p : List.of(c.getReadinessProbe(), c.getLivenessProbe())) {
            assertNotNull(p, "readiness and liveness probes are required");
            assertEquals("/api/v1/status", p.getHttpGet().getPath());
            assertPortExists(ports, p.getHttpGet().getPort(), "probe");
        }

        // services select the pods and target ports that exist
        for (Service s : o.all(Service.class)) {
            assertTrue(podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()),
                    "Service " + s.getMetadata().getName() + " selects no pod of the Deployment");
            for (ServicePort sp : s.getSpec().getPorts()) {
                assertPortExists(ports, sp.getTargetPort(), "Service " + s.getMetadata().getName());
            }
        }
        o.named(Service.class, "hutch-receiver-api");
        o.named(Service.class, "hutch-receiver-data");

        // the Ingress reaches the API service at a port it has
        for (var rule : o.one(Ingress.class).getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                IngressServiceBackend b = path.getBackend().getService();
                Service s = o.named(Service.class, b.getName());
                assertTrue(s.getSpec().getPorts().stream().anyMatch(sp -> b.getPort().getName() != null
                        ? b.getPort().getName().equals(sp.getName()) : b.getPort().getNumber().equals(sp.getPort())),
                        "Ingress path " + path.getPath() + " names a port Service " + b.getName() + " lacks");
            }
        }

        // resources: a memory limit, a request below it, and the heap a share of it
        Quantity limit = c.getResources().getLimits().get("memory");
        assertNotNull(limit, "no memory limit");
        assertTrue(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory"))
                .compareTo(Quantity.getAmountInBytes(limit)) <= 0, "memory request above the limit");
        int heapPercent = Integer.parseInt(env(c, "HUTCH_HEAP_PERCENT"));
        assertTrue(heapPercent > 0 && heapPercent <= 75, "heap must leave native memory room: " + heapPercent + " %");

        // volumes: every mount has its volume; the config, data claim and scratch space exist
        for (VolumeMount m : c.getVolumeMounts()) {
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName())),
                    "mount " + m.getMountPath() + " has no volume");
        }
        o.named(PersistentVolumeClaim.class,
                volume(o, Volume::getPersistentVolumeClaim).getPersistentVolumeClaim().getClaimName());
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                "a read-only root needs a writable /tmp");

        // the mounted detectors.yaml names the detector the container runs, with the ports it opens
        ConfigMap cm = o.named(ConfigMap.class, volume(o, Volume::getConfigMap).getConfigMap().getName());
        JsonNode yaml = Kustomize.YAML.readTree(cm.getData().get("detectors.yaml"));
        JsonNode entry = yaml.get(env(c, "HUTCH_DETECTOR"));
        assertNotNull(entry, "detectors.yaml has no entry " + env(c, "HUTCH_DETECTOR"));
        // read as the receiver reads it
        ReceiverConfig rc = DetectorsYaml.fromEntry(Kustomize.asMap(entry)).build();
        assertEquals(rc.apiPort(), port(ports, "api"), "api_port and the container's api port");
        assertEquals(rc.dataPort(), port(ports, "data"), "data_port and the container's data port");

        // Prometheus finds /metrics on the API port
        Map<String, String> ann = d.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", ann.get("prometheus.io/scrape"));
        assertEquals("/metrics", ann.get("prometheus.io/path"));
        assertEquals(port(ports, "api"), Integer.parseInt(ann.get("prometheus.io/port")));
    }

    private static void assertPortExists(List<ContainerPort> ports, IntOrString p, String who) {
        boolean found = ports.stream().anyMatch(cp -> p.getStrVal() != null
                ? p.getStrVal().equals(cp.getName()) : p.getIntVal().equals(cp.getContainerPort()));
        assertTrue(found, who + " names port " + (p.getStrVal() != null ? p.getStrVal() : p.getIntVal())
                + ", which the container does not have");
    }

    private static int port(List<ContainerPort> ports, String name) {
        return ports.stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port '" + name + "'")).getContainerPort();
    }

    private static Container container(Objects o) {
        return o.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("receiver")).findFirst()
                .orElseThrow(() -> new AssertionError("no container 'receiver'"));
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("container has no env " + name));
    }

    private static Volume volume(Objects o, java.util.function.Function<Volume, Object> kind) {
        return o.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> kind.apply(v) != null).findFirst()
                .orElseThrow(() -> new AssertionError("no volume of the expected kind"));
    }

    // ---- parsing

    /** One rendered document as its fabric8 type; an unknown kind or field fails. */
    static HasMetadata parse(ObjectNode doc) throws Exception {
        Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
        if (type == null) {
            throw new AssertionError("unexpected kind " + Kustomize.id(doc));
        }
        HasMetadata h = FABRIC8_JSON.readValue(doc.toString(), type);
        List<String> unknown = new ArrayList<>();
        unknownFields(h, Kustomize.id(doc), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError("unknown fields: " + String.join("; ", unknown));
        }
        return h;
    }

    /** fabric8 keeps what it does not know in additionalProperties: any entry there is a typo or a wrong level. */
    private static void unknownFields(Object o, String path, List<String> found) throws Exception {
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                unknownFields(l.get(i), path + "[" + i + "]", found);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), found);
            }
        } else if (o != null && o.getClass().getName().startsWith("io.fabric8.")) {
            for (Method m : o.getClass().getMethods()) {
                if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                Object v = m.invoke(o);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(v, path + "." + m.getName().substring(3), found);
                }
            }
        }
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
        Map<String, JsonNode> m = new TreeMap<>();
        docs.forEach(d -> m.put(Kustomize.id(d), d));
        return m;
    }

    private static Optional<List<ObjectNode>> kubectlKustomize(Path dir) throws Exception {
        Optional<Path> kubectl = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, "kubectl")).filter(Files::isExecutable).findFirst();
        if (kubectl.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubectl kustomize failed: " + err);
        return Optional.of(Kustomize.documents(out));
    }

    /** The rendered objects, parsed. */
    private record Objects(List<HasMetadata> list) {
        static Objects of(List<ObjectNode> docs) throws Exception {
            List<HasMetadata> parsed = new ArrayList<>();
            for (ObjectNode d : docs) {
                parsed.add(parse(d));
            }
            return new Objects(parsed);
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return list.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> all = all(type);
            assertEquals(1, all.size(), "expected one " + type.getSimpleName());
            return all.get(0);
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream().filter(t -> t.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
        }
    }
}
