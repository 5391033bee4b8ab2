package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAX IV's detectors.yaml, with the keys its streaming-receiver reads. */
class DetectorsYamlTest {
    @TempDir
    Path dir;

    private Path yaml() throws Exception {
        return Files.writeString(dir.resolve("detectors.yaml"), String.join("\n",
                "formax-eiger:",
                "  class: Eiger",
                "  dcu_host_purple: 172.18.28.6",
                "  rep_port: 23003",
                "  data_port: 23004",
                "  dset_name: /entry/instrument/eiger/data",
                "femtomax-pilatus:",
                "  class: Detector",
                "  nworkers: 4",
                "  dcu_host_purple: [10.0.0.1, 10.0.0.2]",
                "  dcu_port_purple: [9001, 9002]",
                "  api_port: 5005",
                "  dset_name: /entry/instrument/pilatus/data",
                "  pipeline: PilatusPipeline",
                "cosaxs-stream2:",
                "  class: DectrisStream2",
                "  dcu_host_purple: 10.0.0.9",
                "formax-lambda:",
                "  class: Lambda",
                "  dcu_host_purple: [1.2.3.4]",
                ""));
    }

    @Test
    void readsMaxivKeys() throws Exception {
        ReceiverConfig e = DetectorsYaml.load(yaml(), "formax-eiger").dataDir(dir).build();
        assertEquals(ReceiverConfig.InputFormat.DECTRIS_V1, e.format());
        assertEquals(List.of("tcp://172.18.28.6:9999"), e.endpoints());
        assertEquals(5000, e.apiPort());
        assertEquals(23004, e.dataPort());
        assertEquals("/entry/instrument/eiger/data", e.dsetName());
        assertEquals(1, e.workers());

        ReceiverConfig p = DetectorsYaml.load(yaml(), "femtomax-pilatus").dataDir(dir).build();
        assertEquals(ReceiverConfig.InputFormat.STINS, p.format());
        assertEquals(List.of("tcp://10.0.0.1:9001", "tcp://10.0.0.2:9002"), p.endpoints());
        assertEquals(4, p.workers());
        assertEquals(5005, p.apiPort());
        assertNull(p.dataPort());

        ReceiverConfig v2 = DetectorsYaml.load(yaml(), "cosaxs-stream2").dataDir(dir).build();
        assertEquals(ReceiverConfig.InputFormat.DECTRIS_V2, v2.format());
        assertEquals(List.of("tcp://10.0.0.9:31001"), v2.endpoints());
        assertEquals(ReceiverConfig.DEFAULT_DSET_NAME, v2.dsetName());
    }

    @Test
    void mistakesNameTheKey() throws Exception {
        Path y = yaml();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DetectorsYaml.load(y, "nope"));
        assertTrue(unknown.getMessage().contains("formax-eiger"), unknown.getMessage());
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
                () -> DetectorsYaml.load(y, "formax-lambda"));
        assertTrue(lambda.getMessage().contains("Lambda"), lambda.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "d:\n  dcu_host_purple: [a, b]\n  dcu_port_purple: [1]\n");
        IllegalArgumentException ports = assertThrows(IllegalArgumentException.class, () -> DetectorsYaml.load(bad, "d"));
        assertTrue(ports.getMessage().contains("dcu_port_purple"), ports.getMessage());
    }
}
