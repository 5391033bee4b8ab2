package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.esrf.TangoApi.DeviceProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hutch.detector.DetectorPlugins;
import org.junit.jupiter.api.Test;

/**
 * Read latency of the plugin's Tango client (JTango) and of PyTango's own client against the same PyTango device
 * server (a minimal MAX IV standard device, {@code pytango_bench_device.py}, in its own process): medians over 200
 * calls after a warm-up, in rounds that alternate the Java and the Python client so a change of machine load hits
 * both, with the ratio of each pair printed per round. Needs Debian's python3-tango
 * ({@code apt-get install python3-tango}) for /usr/bin/python3; skips without it. Runs only with
 * {@code -Dhutch.bench=true}; prints, asserts nothing.
 */
class TangoLatencyBench {
    private static final int READS = 200;
    private static final int WARMUP = Integer.getInteger("hutch.bench.warmup", 1000);
    private static final int ROUNDS = Integer.getInteger("hutch.bench.rounds", 3);
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern PY_LINE = Pattern.compile("^(\\S+) median ([0-9.]+)");

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static double median(String what, Call call) throws Exception {
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
        System.out.printf("  %-52s median %6.0f us  (min %5.0f, p90 %6.0f)%n", what, t[READS / 2] / 1000.0,
                t[0] / 1000.0, t[READS * 9 / 10] / 1000.0);
        return t[READS / 2] / 1000.0;
    }

    @Test
    void readLatency() throws Exception {
        assumeTrue(Boolean.getBoolean("hutch.bench"), "benchmark: run with -Dhutch.bench=true");
        assumeTrue(pythonHasTango(), "PyTango missing: apt-get install python3-tango");
        try (PyTangoServer server = PyTangoServer.start()) {
            String url = server.url();
            TangoChannel channel = TangoChannel.connect(url, 3000);
            DeviceProxy raw = new DeviceProxy(url);
            DeviceProxy untimed = UntimedDeviceProxy.open(url); // the plugin's read proxy, called directly
            untimed.set_source(fr.esrf.Tango.DevSource.DEV);
            TangoDetector detector = (TangoDetector) DetectorPlugins.require("tango")
                    .open(Map.of("device", url, "profile", "maxiv", "pollMs", "60000"));
            System.out.println("PyTango server " + url + ", " + READS + " calls after " + WARMUP
                    + " (Java) / 200 (Python) warm-up calls");
            for (int round = 1; round <= ROUNDS; round++) {
                System.out.println("round " + round + " (load average " + Files.readString(Path.of("/proc/loadavg"))
                        .split(" ")[0] + ")");
                Map<String, Double> java = new LinkedHashMap<>();
                java.put("read", median("plugin TangoChannel.read(ExposureTime)", () -> channel.read("ExposureTime")));
                java.put("poll", median("plugin poll (TangoDetector.pollNow, profile maxiv)", detector::pollNow));
                java.put("state+status", median("plugin TangoChannel.readAll(State, Status)",
                        () -> channel.readAll("State", "Status")));
                median("JTango DeviceProxy (timeout policy, timer thread)", () -> raw.read_attribute("ExposureTime"));
                java.put("read untimed", median("UntimedDeviceProxy alone (no BoundedReads hand-off)",
                        () -> untimed.read_attribute("ExposureTime")));
                if (round == 1) {
                    median("JTango new DeviceProxy per read (no proxy reuse)",
                            () -> new DeviceProxy(url).read_attribute("ExposureTime"));
                }
                Map<String, Double> py = pyTango(url);
                for (Map.Entry<String, Double> e : java.entrySet()) {
                    Double p = py.get(e.getKey().replace(" untimed", ""));
                    if (p != null) {
                        System.out.printf("  ratio %-12s plugin / PyTango = %.2f%n", e.getKey(), e.getValue() / p);
                    }
                }
            }
            detector.close();
        }
    }

    private static boolean pythonHasTango() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import tango").redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor() == 0;
    }

    /** The same calls with PyTango's client: read, the poll (state()), and State + Status in one call. */
    private static Map<String, Double> pyTango(String url) throws Exception {
        String script = String.join("\n",
                "import sys, time, tango",
                "d = tango.DeviceProxy(sys.argv[1])",
                "d.set_source(tango.DevSource.DEV)",
                "def run(key, what, f):",
                "    for _ in range(200): f()",
                "    t = []",
                "    for _ in range(" + READS + "):",
                "        s = time.perf_counter_ns(); f(); t.append(time.perf_counter_ns() - s)",
                "    t.sort()",
                "    print('%s median %.1f  %-45s (min %5.0f, p90 %6.0f)' % (key, t[len(t)//2]/1000, what,"
                        + " t[0]/1000, t[len(t)*9//10]/1000))",
                "run('read', 'PyTango ' + tango.__version__ + ' read_attribute(ExposureTime)',"
                        + " lambda: d.read_attribute('ExposureTime'))",
                "run('poll', 'PyTango state()', d.state)",
                "run('state+status', 'PyTango read_attributes([State, Status])',"
                        + " lambda: d.read_attributes(['State', 'Status']))",
                "");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, url).redirectErrorStream(true).start();
        Map<String, Double> medians = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = PY_LINE.matcher(line);
                if (m.find()) {
                    medians.put(m.group(1), Double.parseDouble(m.group(2)));
                    System.out.printf("  %-52s median %6.0f us  %s%n", line.substring(m.end()).trim()
                            .replaceFirst("\\s*\\(min.*", ""), Double.parseDouble(m.group(2)),
                            line.replaceFirst(".*(\\(min)", "$1"));
                } else {
                    System.out.println("  " + line);
                }
            }
        }
        p.waitFor();
        return medians;
    }

    /** {@code pytango_bench_device.py} in its own python3 process, without a Tango database, on a free port. */
    private static final class PyTangoServer implements AutoCloseable {
        private final Process process;
        private final String url;

        private PyTangoServer(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static PyTangoServer start() throws Exception {
            Path script = Files.createTempFile("pytango_bench_device", ".py");
            try (InputStream in = TangoLatencyBench.class.getResourceAsStream("pytango_bench_device.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            script.toFile().deleteOnExit();
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "bench", "-nodb", "-port",
                    Integer.toString(port), "-dlist", "test/detector/1").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("Ready to accept request")) {
                    return new PyTangoServer(p, "tango://127.0.0.1:" + port + "/test/detector/1#dbase=no");
                }
            }
            p.destroyForcibly();
            throw new IOException("the PyTango bench device server ended before it was ready");
        }

        String url() {
            return url;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
