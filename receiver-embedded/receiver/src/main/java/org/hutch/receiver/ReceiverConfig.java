package org.hutch.receiver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hutch.receiver.azint.AzintSetup;

/**
 * Everything a receiver needs to run. Build with {@link #builder()}, or load MAX IV's
 * {@code detectors.yaml} with {@link DetectorsYaml#load(Path, String)}.
 *
 * @param endpoints     ZeroMQ endpoints the PULL workers connect to (the detector's PUSH binds), for example
 *                      {@code tcp://127.0.0.1:9999}; every worker connects to every endpoint. May be empty (API only)
 * @param format        wire format, or {@link InputFormat#AUTO} to recognise it per message
 * @param workers       number of PULL workers (MAX IV {@code nworkers}), each with its own socket and thread
 * @param dataDir       folder every file name from a stream header is confined to
 * @param dsetName      HDF5 path of the frame dataset (MAX IV {@code dset_name})
 * @param apiHost       address the HTTP API (and forwarder) bind to; 127.0.0.1 by default
 * @param apiPort       HTTP port, 0 = ephemeral (see {@link EmbeddedReceiver#apiUri()})
 * @param dataPort      forwarder PUSH port (MAX IV {@code data_port}); {@code null} = no forwarder, 0 = ephemeral
 * @param onExists      what to do when the file named in a header already exists
 * @param token         bearer token required by POST/PUT, or {@code null}; required when apiHost is not loopback
 * @param seriesTimeout a running series with no message for this long is closed with an error (file readable)
 * @param receiveHwm    ZeroMQ receive high-water mark per worker socket (messages); back-pressure to the sender
 * @param queueBytes    bytes of frames that may wait between the workers and the writer before workers stop reading
 * @param azint         azimuthal integration of the newest frame, or {@code null} (it can be set later over HTTP)
 */
public record ReceiverConfig(List<String> endpoints, InputFormat format, int workers, Path dataDir, String dsetName,
                             String apiHost, int apiPort, Integer dataPort, OnExists onExists, String token,
                             Duration seriesTimeout, int receiveHwm, long queueBytes, AzintSetup azint) {

    /** MAX IV's detectors.yaml always names it; this is NeXus-friendly and also linked as {@code /entry/data/data}. */
    public static final String DEFAULT_DSET_NAME = "/entry/instrument/detector/data";
    public static final String DEFAULT_API_HOST = "127.0.0.1";
    public static final int DEFAULT_RECEIVE_HWM = 64;
    public static final long DEFAULT_QUEUE_BYTES = 128L << 20;

    /** What the wire format is; AUTO recognises STINS, DECTRIS Stream V1 and V2 from each message. */
    public enum InputFormat { AUTO, STINS, DECTRIS_V1, DECTRIS_V2 }

    /** Policy for a header whose file already exists. */
    public enum OnExists {
        /** refuse the series with an error (default: never overwrite data silently) */
        ERROR,
        /** open the existing file and add frames after those already in it (MAX IV's behaviour) */
        APPEND,
        /** replace the file */
        OVERWRITE;

        public static OnExists parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("on-exists must be error, append or overwrite, not '" + s + "'");
            }
        }
    }

    public ReceiverConfig {
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dsetName, "dsetName");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(onExists, "onExists");
        Objects.requireNonNull(seriesTimeout, "seriesTimeout");
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1..64, not " + workers);
        }
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("api port must be 0..65535, not " + apiPort);
        }
        if (dataPort != null && (dataPort < 0 || dataPort > 65535)) {
            throw new IllegalArgumentException("data port must be 0..65535, not " + dataPort);
        }
        if (!dsetName.startsWith("/") || dsetName.endsWith("/") || dsetName.contains("//")
                || dsetName.chars().filter(c -> c == '/').count() < 2) {
            throw new IllegalArgumentException("dset name must be an absolute HDF5 path inside a group, like "
                    + DEFAULT_DSET_NAME + ", not '" + dsetName + "'");
        }
        for (String e : endpoints) {
            if (!e.matches("(tcp|ipc|inproc)://.+")) {
                throw new IllegalArgumentException("stream endpoint must look like tcp://HOST:PORT, not '" + e + "'");
            }
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token == null && !isLoopback(apiHost)) {
            throw new IllegalArgumentException("refusing to bind the API to " + apiHost
                    + " without a token: give --token (mutating endpoints then need 'Authorization: Bearer <token>')");
        }
        if (seriesTimeout.isNegative() || seriesTimeout.isZero()) {
            throw new IllegalArgumentException("series timeout must be positive");
        }
        if (receiveHwm < 2) {
            throw new IllegalArgumentException("receive HWM must be at least 2");
        }
        if (queueBytes < (1 << 20)) {
            throw new IllegalArgumentException("queue must hold at least 1 MiB");
        }
    }

    /** True for 127.x.x.x, ::1 and localhost. */
    public static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // only literal addresses are checked, so no name lookup happens here
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getByName(host).isLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoints.addAll(endpoints);
        b.format = format;
        b.workers = workers;
        b.dataDir = dataDir;
        b.dsetName = dsetName;
        b.apiHost = apiHost;
        b.apiPort = apiPort;
        b.dataPort = dataPort;
        b.onExists = onExists;
        b.token = token;
        b.seriesTimeout = seriesTimeout;
        b.receiveHwm = receiveHwm;
        b.queueBytes = queueBytes;
        b.azint = azint;
        return b;
    }

    /** Mutable builder with the defaults: no endpoint, AUTO, 1 worker, data dir ".", 127.0.0.1, ephemeral port. */
    public static final class Builder {
        private final List<String> endpoints = new ArrayList<>();
        private InputFormat format = InputFormat.AUTO;
        private int workers = 1;
        private Path dataDir = Path.of(".");
        private String dsetName = DEFAULT_DSET_NAME;
        private String apiHost = DEFAULT_API_HOST;
        private int apiPort = 0;
        private Integer dataPort;
        private OnExists onExists = OnExists.ERROR;
        private String token;
        private Duration seriesTimeout = ReceiverPreferences.load().seriesTimeout();
        private int receiveHwm = DEFAULT_RECEIVE_HWM;
        private long queueBytes = DEFAULT_QUEUE_BYTES;
        private AzintSetup azint;

        private Builder() {
        }

        /** Integrate the newest frame with this geometry and settings (see {@link AzintSetup#of}). */
        public Builder azint(AzintSetup setup) {
            this.azint = setup;
            return this;
        }

        /** Adds an endpoint such as {@code tcp://127.0.0.1:9999}. */
        public Builder endpoint(String endpoint) {
            endpoints.add(endpoint);
            return this;
        }

        public Builder endpoints(List<String> list) {
            endpoints.clear();
            endpoints.addAll(list);
            return this;
        }

        public Builder format(InputFormat f) {
            this.format = f;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder dsetName(String name) {
            this.dsetName = name;
            return this;
        }

        public Builder apiHost(String host) {
            this.apiHost = host;
            return this;
        }

        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** Forwarder port; {@code null} disables the forwarder. */
        public Builder dataPort(Integer port) {
            this.dataPort = port;
            return this;
        }

        public Builder onExists(OnExists policy) {
            this.onExists = policy;
            return this;
        }

        public Builder token(String t) {
            this.token = t;
            return this;
        }

        public Builder seriesTimeout(Duration d) {
            this.seriesTimeout = d;
            return this;
        }

        public Builder receiveHwm(int hwm) {
            this.receiveHwm = hwm;
            return this;
        }

        public Builder queueBytes(long bytes) {
            this.queueBytes = bytes;
            return this;
        }

        /** @throws IllegalArgumentException with the reason when a value is wrong */
        public ReceiverConfig build() {
            return new ReceiverConfig(endpoints, format, workers, dataDir, dsetName, apiHost, apiPort, dataPort,
                    onExists, token, seriesTimeout, receiveHwm, queueBytes, azint);
        }
    }
}
