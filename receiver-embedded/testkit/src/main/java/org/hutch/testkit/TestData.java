package org.hutch.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference data (pyFAI references, Dectris captures) in ../shared/testdata beside the project root
 * (system property hutch.root, set by the build). Tests that need it are skipped with a message when absent.
 */
public final class TestData {
    private TestData() {
    }

    /** {@code ../shared/testdata/<sub>} from the project root, normalized; may not exist. */
    public static Path path(String sub) {
        return Path.of(System.getProperty("hutch.root", ".")).resolve("../shared/testdata").resolve(sub)
                .toAbsolutePath().normalize();
    }

    /** The directory {@code ../shared/testdata/<sub>}; skips the test when it is not there. */
    public static Path require(String sub) {
        Path d = path(sub);
        assumeTrue(Files.isDirectory(d) || Files.isRegularFile(d),
                "reference data " + d + " not found (hutch.root=" + System.getProperty("hutch.root")
                        + "): test skipped");
        return d;
    }
}
