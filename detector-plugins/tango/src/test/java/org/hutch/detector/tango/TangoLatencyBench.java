package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.esrf.Tango.DevSource;
import fr.esrf.TangoApi.DeviceProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Read latency of the plugin's Tango client against a JTango device server (its own process, so the same server
 * serves every client), as medians over 200 reads after 50 warm-up reads, and of PyTango's client (Debian's
 * python3-tango, when /usr/bin/python3 has it) on the same server. Runs only with {@code -Dhutch.bench=true};
 * prints, asserts nothing.
 */
class TangoLatencyBench {
    private static final int READS = 200;
    private static final int WARMUP = Integer.getInteger("hutch.bench.warmup", 1000);
    private static final int ROUNDS = 3;

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void median(String what, Call call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.run();
        }
        long[] t = new long[READS];
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            call.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        System.out.printf("%-58s median %6.0f us  (min %5.0f, p90 %6.0f) over %d%n", what, t[READS / 2] / 1000.0,
                t[0] / 1000.0, t[READS * 9 / 10] / 1000.0, READS);
    }

    @Test
    void readLatency() throws Exception {
        assumeTrue(Boolean.getBoolean("hutch.bench"), "benchmark: run with -Dhutch.bench=true");
        try (ServerProcess server = ServerProcess.start("MaxIvTestDevice", null)) {
            String url = server.url();
            TangoChannel channel = TangoChannel.connect(url, 3000);
            DeviceProxy cached = new DeviceProxy(url);
            DeviceProxy dev = new DeviceProxy(url);
            dev.set_source(DevSource.DEV);
            // rounds alternate the Java and the Python client, so a change of machine load hits both
            for (int round = 1; round <= ROUNDS; round++) {
                System.out.println("round " + round + " (load average " + Files.readString(Path.of("/proc/loadavg"))
                        .split(" ")[0] + ")");
                median("plugin TangoChannel.read ExposureTime (DevSource.DEV)", () -> channel.read("ExposureTime"));
                median("plugin TangoChannel.state", channel::state);
                median("poll before: State, then Status (2 calls)", () -> {
                    channel.state();
                    channel.status();
                });
                median("poll now: read_attribute(State, Status) (1 call)", () -> channel.readAll("State", "Status"));
                median("DeviceProxy.read_attribute ExposureTime (CACHE_DEV)", () -> cached.read_attribute("ExposureTime"));
                median("DeviceProxy.read_attribute ExposureTime (DEV)", () -> dev.read_attribute("ExposureTime"));
                if (round == 1) {
                    median("new DeviceProxy per read (no proxy reuse)",
                            () -> new DeviceProxy(url).read_attribute("ExposureTime"));
                }
                pyTango(url);
            }
        }
    }

    /** The same reads with PyTango's client, where Debian's python3-tango is installed. */
    private static void pyTango(String url) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            System.out.println("PyTango: no /usr/bin/python3");
            return;
        }
        String script = String.join("\n",
                "import sys, time, statistics",
                "try:",
                "    import tango",
                "except ImportError:",
                "    print('PyTango: not installed (apt-get install python3-tango)'); sys.exit(0)",
                "d = tango.DeviceProxy(sys.argv[1])",
                "def run(what, f):",
                "    for _ in range(" + Math.min(WARMUP, 200) + "): f()",
                "    t = []",
                "    for _ in range(" + READS + "):",
                "        s = time.perf_counter_ns(); f(); t.append(time.perf_counter_ns() - s)",
                "    t.sort()",
                "    print('%-58s median %6.0f us  (min %5.0f, p90 %6.0f) over %d' % (what, t[len(t)//2]/1000,"
                        + " t[0]/1000, t[len(t)*9//10]/1000, len(t)))",
                "run('PyTango ' + tango.__version__ + ' read_attribute ExposureTime', lambda: d.read_attribute('ExposureTime'))",
                "d.set_source(tango.DevSource.DEV)",
                "run('PyTango read_attribute ExposureTime (DEV)', lambda: d.read_attribute('ExposureTime'))",
                "run('PyTango state()', d.state)",
                "run('PyTango read_attributes(State, Status)', lambda: d.read_attributes(['State', 'Status']))",
                "");
        Process p = new ProcessBuilder(python.toString(), "-c", script, url.replace("#dbase=no", "#dbase=no"))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(System.out::println);
        }
        p.waitFor();
    }
}
