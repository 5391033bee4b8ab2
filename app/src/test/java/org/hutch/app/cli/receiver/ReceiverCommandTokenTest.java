package org.hutch.app.cli.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hutch.receiver.ReceiverConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where the receiver's token comes from (option, file, environment), and that 0.0.0.0 needs one. */
class ReceiverCommandTokenTest {

    @TempDir
    Path dir;

    private ReceiverConfig config(Map<String, String> env, String... args) throws Exception {
        ReceiverCommand cmd = new ReceiverCommand();
        new CommandLine(cmd).parseArgs(args);
        cmd.environment = env;
        return cmd.buildConfig();
    }

    @Test
    void readsTheTokenFromAFileAsAMountedSecretGivesIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "from-file\n");
        assertEquals("from-file", config(Map.of(), "--stins", "tcp://127.0.0.1:9999", "--api-host", "0.0.0.0",
                "--token-file", secret.toString()).token());
        assertEquals("from-file", config(Map.of("HUTCH_RECEIVER_TOKEN_FILE", secret.toString()),
                "--stins", "tcp://127.0.0.1:9999", "--api-host", "0.0.0.0").token());
    }

    @Test
    void readsTheTokenFromTheEnvironmentAndTheOptionWins() throws Exception {
        Map<String, String> env = Map.of("HUTCH_RECEIVER_TOKEN", "from-env");
        assertEquals("from-env", config(env, "--stins", "tcp://127.0.0.1:9999", "--api-host", "0.0.0.0").token());
        assertEquals("given", config(env, "--stins", "tcp://127.0.0.1:9999", "--token", "given").token());
        assertNull(config(Map.of(), "--stins", "tcp://127.0.0.1:9999").token());
    }

    @Test
    void refusesAllAddressesWithoutTokenAndBadTokenSources() throws Exception {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of(), "--stins", "tcp://127.0.0.1:9999", "--api-host", "0.0.0.0"));
        assertTrue(open.getMessage().contains("without a token"), open.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of(), "--stins", "tcp://127.0.0.1:9999",
                "--token-file", empty.toString())).getMessage().contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of(), "--stins", "tcp://127.0.0.1:9999",
                "--token-file", dir.resolve("missing").toString())).getMessage().contains("does not exist"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of(), "--stins", "tcp://127.0.0.1:9999",
                "--token", "a", "--token-file", empty.toString())).getMessage().contains("not both"));
    }
}
