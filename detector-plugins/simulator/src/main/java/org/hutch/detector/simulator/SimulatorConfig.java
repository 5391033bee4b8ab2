package org.hutch.detector.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.hutch.azint.Poni;
import org.hutch.detector.DetectorException;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;

/**
 * The simulator's fixed properties, chosen when it is opened (plugin options, or the command line).
 *
 * @param bind        ZeroMQ endpoint for the PUSH socket; port {@code 0} or {@code *} takes a free port
 * @param format      wire format
 * @param rows        image rows (slow axis)
 * @param cols        image columns (fast axis)
 * @param dtype       pixel type (uint16, uint32, int32)
 * @param compression none or bslz4
 * @param poni        the geometry the rings are drawn from
 * @param calibrant   the powder
 * @param flux        counts per second at the top of the first ring
 * @param ringWidth   Gaussian sigma of a ring in q, nm^-1
 * @param hotPixels   number of hot pixels
 * @param poolSize    frames drawn in advance (fewer for very big frames)
 * @param seed        random seed of noise and hot pixels
 * @param pace        true: frames leave at the exposure period; false: as fast as the receiver takes them
 * @param queueBytes  bytes the send queue may hold; the high-water mark in messages follows from the frame size
 * @param lingerMs    how long closing waits to deliver frames still queued
 * @param fault       fault injected into every series
 * @param faultAt     frame index at which the fault happens; negative = the middle of the series
 */
public record SimulatorConfig(String bind, StreamInfo.Format format, int rows, int cols, PixelType dtype,
                              Compression compression, Poni poni, Calibrant calibrant, double flux, double ringWidth,
                              int hotPixels, int poolSize, long seed, boolean pace, long queueBytes, int lingerMs,
                              Fault fault, long faultAt) {

    /** Classpath resource of the default geometry (1024 x 1024, 75 um, 100 mm, 12 keV). */
    public static final String DEFAULT_PONI_RESOURCE = "/org/hutch/detector/simulator/simulator.poni";

    /** The plugin options, in form order. */
    public static List<SettingSpec> settings() {
        return List.of(
                SettingSpec.ofString("bind", "Stream endpoint", "tcp://127.0.0.1:0",
                        "ZeroMQ endpoint the detector binds its PUSH socket to; port 0 picks a free port"),
                SettingSpec.ofEnum("format", "Stream format", List.of("stins", "stream1", "stream2"), "stins",
                        "stins = MAX IV STINS, stream1 = DECTRIS Stream V1, stream2 = DECTRIS Stream V2 (CBOR)"),
                SettingSpec.ofString("shape", "Image shape (rows,cols)", "",
                        "image size; empty = the detector shape of the PONI geometry"),
                SettingSpec.ofEnum("dtype", "Pixel type", List.of("uint16", "uint32", "int32"), "uint16", ""),
                SettingSpec.ofEnum("compression", "Compression", List.of("none", "bslz4"), "none", ""),
                SettingSpec.ofString("poni", "Geometry (PONI file)", "", "pyFAI PONI file; empty = the built-in geometry"),
                SettingSpec.ofEnum("calibrant", "Powder", List.of("LaB6", "CeO2", "Si"), "LaB6", "whose rings are drawn"),
                SettingSpec.ofDouble("flux", "Ring intensity", "counts/s", 0.0, 1e9, 20000,
                        "counts per second at the top of the first ring"),
                SettingSpec.ofDouble("ringWidth", "Ring width", "nm^-1", 0.001, 10.0, 0.08, "Gaussian sigma of a ring in q"),
                SettingSpec.ofInt("hotPixels", "Hot pixels", "", 0, 100000, 5, ""),
                SettingSpec.ofInt("poolSize", "Frames drawn in advance", "", 1, 1024, 8,
                        "distinct noisy frames sent in turn"),
                SettingSpec.ofInt("seed", "Random seed", "", 0, Integer.MAX_VALUE, 1, ""),
                SettingSpec.ofBool("pace", "Keep the period", true,
                        "false: send as fast as the receiver takes frames (load generator)"),
                SettingSpec.ofInt("queueMB", "Send queue", "MB", 1, 8192, 128,
                        "memory the send queue may use; sets the high-water mark in frames"),
                SettingSpec.ofInt("lingerMs", "Linger on close", "ms", 0, 3_600_000, 30000,
                        "how long closing waits to deliver frames still queued"),
                SettingSpec.ofEnum("fault", "Inject fault", Arrays.stream(Fault.values()).map(Fault::optionName)
                        .collect(Collectors.toList()), "none", "for tests: stall, disconnect or a malformed message"),
                SettingSpec.ofInt("faultAt", "Fault at frame", "", -1, Integer.MAX_VALUE, -1,
                        "frame index of the fault; -1 = the middle of the series"));
    }

    /** @throws DetectorException for a bad shape or an unreadable PONI, naming the option */
    public static SimulatorConfig from(PluginOptions o) throws DetectorException {
        Poni poni = loadPoni(o.string("poni"));
        int[] shape = parseShape(o.string("shape"), poni);
        return new SimulatorConfig(o.string("bind"), StreamInfo.Format.fromName(o.string("format")), shape[0], shape[1],
                PixelType.fromName(o.string("dtype")), Compression.fromName(o.string("compression")), poni,
                Calibrant.fromName(o.string("calibrant")), o.number("flux"), o.number("ringWidth"),
                o.integer("hotPixels"), o.integer("poolSize"), o.integer("seed"), o.bool("pace"),
                (long) o.integer("queueMB") << 20, o.integer("lingerMs"), Fault.fromName(o.string("fault")),
                o.integer("faultAt"));
    }

    /** Reads a PONI file, or the built-in geometry for an empty path. */
    public static Poni loadPoni(String path) throws DetectorException {
        try {
            if (path == null || path.isBlank()) {
                try (InputStream in = SimulatorConfig.class.getResourceAsStream(DEFAULT_PONI_RESOURCE)) {
                    if (in == null) {
                        throw new DetectorException("the built-in geometry " + DEFAULT_PONI_RESOURCE + " is missing from the class path");
                    }
                    return Poni.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return Poni.read(Path.of(path));
        } catch (NoSuchFileException e) {
            throw new DetectorException("PONI file " + path + " does not exist");
        } catch (IOException e) {
            throw new DetectorException("cannot read PONI file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DetectorException("PONI file " + path + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Parses {@code ROWS,COLS}; empty takes the PONI's detector shape. */
    public static int[] parseShape(String text, Poni poni) throws DetectorException {
        if (text == null || text.isBlank()) {
            if (!poni.hasShape()) {
                throw new DetectorException("the PONI geometry does not state the detector shape: give shape=ROWS,COLS");
            }
            return new int[] {poni.rows(), poni.cols()};
        }
        String[] parts = text.trim().split("\\s*[,x]\\s*");
        try {
            if (parts.length == 2) {
                int r = Integer.parseInt(parts[0]);
                int c = Integer.parseInt(parts[1]);
                if (r > 0 && c > 0 && (long) r * c <= 64L << 20) {
                    return new int[] {r, c};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new org.hutch.detector.DetectorOptionException("shape '" + text + "' is not ROWS,COLS with positive numbers (at most 64 Mpixel), e.g. 1024,1024");
    }

    /** Bytes of one uncompressed frame. */
    public long frameBytes() {
        return (long) rows * cols * dtype.bytes();
    }

    /** Send high-water mark in messages: the queue budget over the frame size, between 2 and 1000. */
    public int sendHighWaterMark() {
        return (int) Math.max(2, Math.min(1000, queueBytes / Math.max(1, frameBytes())));
    }
}
