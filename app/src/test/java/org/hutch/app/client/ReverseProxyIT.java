package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.testing.Waits;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's receiver client behind a real reverse proxy, as behind a Kubernetes ingress: Debian's
 * nginx on loopback with TLS (a self-signed certificate made here and trusted explicitly), a path
 * prefix, and a token the proxy demands on every request, in front of a receiver that demands it on
 * POST. Both API layers go through it. Skips when nginx is not installed.
 */
class ReverseProxyIT {

    private static final String TOKEN = "s3cret-token";
    private static final String PREFIX = "/beamline/det1/";

    @TempDir
    Path dir;

    @AfterEach
    void forgetAccess() {
        ReceiverAccess.setDefault(null);
    }

    @Test
    void bothApiLayersWorkThroughTlsPathPrefixAndToken() throws Exception {
        Path nginx = nginx();
        Path tls = Files.createDirectories(dir.resolve("tls"));
        Path cert = selfSignedCertificate(tls);
        try (Detector det = DetectorPlugins.open("simulator:shape=64,48");
             EmbeddedReceiver receiver = EmbeddedReceiver.start(ReceiverConfig.builder()
                     .endpoint(det.streamInfo().endpoint()).dataDir(dir).apiPort(0).token(TOKEN).build())) {
            int proxyPort = Waits.freePort();
            Process proxy = startNginx(nginx, tls, proxyPort, receiver.apiUri().getPort());
            try {
                String url = "https://127.0.0.1:" + proxyPort + PREFIX;
                ReceiverAccess.setDefault(ReceiverAccess.of(null, writeToken(), cert));
                try (AcquisitionController c = new AcquisitionController(det, url, new AcquisitionListener() { })) {
                    assertTrue(c.acquire(new AcquisitionSettings(0.01, 0.01, 3, 1, TriggerMode.INTS, "proxied.h5",
                            Map.of()), Duration.ofSeconds(60)).complete());
                }

                try (ReceiverClient v1 = ReceiverClients.connect(url)) {
                    assertEquals(ApiLayer.HUTCH_V1, v1.layer());
                    assertEquals("https://127.0.0.1:" + proxyPort + "/beamline/det1", v1.baseUrl());
                    assertEquals(3, v1.status().written());
                    FrameResult f = v1.lastFrame(2, BlockReduction.MAX, null);
                    assertEquals(FrameResult.Kind.NEW, f.kind());
                    assertEquals(32, f.frame().rows());
                    assertEquals(FrameResult.Kind.UNCHANGED, v1.lastFrame(2, BlockReduction.MAX, f.tag()).kind());
                }
                // the MAX IV layer, with the prefix given without its trailing slash; its POST needs the token
                try (ReceiverClient maxiv = ReceiverClients.connectMaxIvLayer(url.substring(0, url.length() - 1),
                        Duration.ofSeconds(10))) {
                    assertEquals(ApiLayer.MAXIV, maxiv.layer());
                    assertEquals(3, maxiv.status().received());
                    assertEquals(2, ((MaxIvApiClient) maxiv).setSharedDownsample(2));
                    assertEquals(FrameResult.Kind.NEW, maxiv.lastFrame(2, BlockReduction.MAX, null).kind());
                }

                ReceiverAccess.setDefault(ReceiverAccess.of(null, null, cert));
                ReceiverException noToken = assertThrows(ReceiverException.class, () -> ReceiverClients.connect(url));
                assertTrue(noToken.getMessage().contains("HTTP 401") && noToken.getMessage().contains("token"),
                        noToken.getMessage());

                ReceiverAccess.setDefault(ReceiverAccess.of(TOKEN, null, null));
                ReceiverException untrusted = assertThrows(ReceiverException.class, () -> ReceiverClients.connect(url));
                assertTrue(untrusted.getMessage().contains("not trusted"), untrusted.getMessage());
            } finally {
                proxy.destroy();
                proxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Path writeToken() throws IOException {
        return Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    private static Path nginx() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        assumeTrue(false, "nginx is not installed (Debian: apt-get install nginx-light): reverse-proxy test skipped");
        return null;
    }

    /** A key pair for 127.0.0.1 made with the JDK's keytool, written as PEM for nginx; returns the certificate. */
    private static Path selfSignedCertificate(Path tls) throws Exception {
        Path p12 = tls.resolve("proxy.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process kt = new ProcessBuilder(keytool, "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2")
                .redirectErrorStream(true).start();
        String out = new String(kt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kt.waitFor(), "keytool: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        Path cert = tls.resolve("proxy.crt");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("proxy").getEncoded()));
        Files.writeString(tls.resolve("proxy.key"), pem("PRIVATE KEY",
                ks.getKey("proxy", "changeit".toCharArray()).getEncoded()));
        return cert;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** nginx in the foreground, one process, everything under the test's folder. */
    private Process startNginx(Path nginx, Path tls, int port, int receiverPort) throws Exception {
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %3$s/proxy.crt;
                        ssl_certificate_key %3$s/proxy.key;
                        location %4$s {
                            # as an ingress with authentication in front: no token, no answer
                            if ($http_authorization != "Bearer %5$s") { return 401; }
                            proxy_pass http://127.0.0.1:%6$d/;
                        }
                    }
                }
                """.formatted(prefix, port, tls, PREFIX, TOKEN, receiverPort));
        Process p = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        Waits.until(Duration.ofSeconds(20), () -> !p.isAlive() || listening(port), () -> "nginx listening on " + port);
        assertTrue(p.isAlive(), () -> "nginx did not start: " + read(prefix.resolve("logs/error.log"))
                + read(prefix.resolve("logs/stdout.log")));
        return p;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
