package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP listening sockets of this JVM, from Linux /proc (skipped elsewhere). */
final class LoopbackCheck {

    private LoopbackCheck() {
    }

    /** "address:port" (hex as in /proc/net/tcp*) of every socket this process listens on. */
    static List<String> listeningAddressesOfThisProcess() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs Linux /proc");
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd closed while listing
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean listen = f[3].equals("0A");
                if (listen && inodes.contains(f[9])) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    /** 127.x.x.x (IPv4, little-endian hex), ::1, or ::ffff:127.x.x.x. */
    static boolean isLoopback(String hexAddressAndPort) {
        String addr = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
        if (addr.length() == 8) {
            return addr.endsWith("7F");
        }
        return addr.equals("00000000000000000000000001000000")
                || (addr.startsWith("0000000000000000FFFF0000") && addr.endsWith("7F"));
    }
}
