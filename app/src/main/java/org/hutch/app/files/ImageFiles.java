package org.hutch.app.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hutch.model.pixels.PixelType;

/**
 * Reads detector images for the command line: raw little-endian ({@code .raw}, {@code .raw.gz},
 * {@code .u8.gz}: shape and dtype from the caller or a {@code case.json} beside the file), TIFF
 * (uncompressed), EDF, CBF (Pilatus byte-offset) and HDF5 (a dataset and frame). Pixels come back
 * as little-endian bytes.
 */
public final class ImageFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageFiles() {
    }

    /** An image: shape, type, little-endian pixel bytes. */
    public record Image(int rows, int cols, PixelType type, ByteBuffer data) {
        public Image {
            data = data.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN); // the whole buffer, whatever a reader left its position at
            long expected = (long) rows * cols * type.bytes();
            if (data.capacity() != expected) {
                throw new IllegalArgumentException("image holds " + data.capacity() + " bytes, but " + rows + "x" + cols + " " + type
                        + " needs " + expected);
            }
        }
    }

    /** Bad input the user can fix (a wrong flag, a file of the wrong kind): exit code 2. */
    public static final class BadInput extends IllegalArgumentException {
        public BadInput(String message) {
            super(message);
        }
    }

    /**
     * @param shape rows, cols or null
     * @param type  pixel type or null (both come from case.json beside a raw file when absent)
     */
    public static Image read(Path file, int[] shape, PixelType type) throws IOException {
        return read(file, shape, type, null, 0);
    }

    /**
     * @param dataset HDF5 dataset path (HDF5 files only)
     * @param frame   frame index in a 3D HDF5 dataset
     */
    public static Image read(Path file, int[] shape, PixelType type, String dataset, int frame) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInput("no such file: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".mask")) { // Dioptas masks are TIFFs
            return Tiff.read(bytes(file));
        }
        if (name.endsWith(".edf") || name.endsWith(".edf.gz")) {
            return edf(bytes(file));
        }
        if (name.endsWith(".cbf")) {
            return Cbf.read(bytes(file));
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".nxs") || name.endsWith(".hdf")) {
            return Hdf5Images.read(file, dataset, frame);
        }
        // raw little-endian
        if (shape == null || type == null) {
            Object[] fromCase = caseJson(file);
            if (fromCase == null) {
                throw new BadInput("raw image " + file + " needs --shape ROWS,COLS and --dtype T (or a case.json beside it)");
            }
            if (shape == null) shape = (int[]) fromCase[0];
            if (type == null) type = (PixelType) fromCase[1];
        }
        if (name.endsWith(".u8.gz") || name.endsWith(".u8")) {
            type = PixelType.UINT8;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return new Image(shape[0], shape[1], type, b);
        } catch (IllegalArgumentException e) {
            throw new BadInput(file + ": " + e.getMessage());
        }
    }

    /** A mask of the given shape: 1 (any non-zero pixel) = excluded; dataset for an HDF5 mask (its frame 0). */
    public static byte[] readMask(Path file, int rows, int cols, String dataset) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // a raw mask is one byte per pixel of the image's shape: no --shape or case.json needed for it
        boolean rawBytes = name.endsWith(".raw") || name.endsWith(".raw.gz") || name.endsWith(".u8") || name.endsWith(".u8.gz");
        Image m = read(file, new int[] {rows, cols}, rawBytes ? PixelType.UINT8 : null, dataset, 0);
        if (m.rows() != rows || m.cols() != cols) {
            throw new BadInput("mask " + file + " is " + m.rows() + "x" + m.cols() + ", the image " + rows + "x" + cols);
        }
        byte[] out = new byte[rows * cols];
        int bytes = m.type().bytes();
        for (int p = 0; p < out.length; p++) {
            boolean set = false;
            for (int k = 0; k < bytes; k++) {
                set |= m.data().get(p * bytes + k) != 0;
            }
            out[p] = (byte) (set ? 1 : 0);
        }
        return out;
    }

    public static byte[] bytes(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInput("no such file: " + file);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(file);
    }

    /** {shape, dtype} from case.json beside a raw file (as in the azint reference data), or null. */
    private static Object[] caseJson(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path json = dir == null ? null : dir.resolve("case.json");
        if (json == null || !Files.isRegularFile(json)) {
            return null;
        }
        JsonNode image;
        try {
            image = JSON.readTree(json.toFile()).path("image");
        } catch (JsonProcessingException e) {
            throw new BadInput(json + " is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        JsonNode shape = image.path("shape");
        if (!shape.isArray() || shape.size() != 2 || !shape.get(0).isNumber() || !shape.get(1).isNumber()) {
            throw new BadInput(json + " has no image.shape");
        }
        JsonNode dtype = image.path("dtype");
        return new Object[] {new int[] {shape.get(0).asInt(), shape.get(1).asInt()},
                dtype.isValueNode() && !dtype.isNull() ? PixelType.fromName(dtype.asText()) : null};
    }

    /** ESRF Data Format: a {...} ASCII header padded to 512 bytes, then the pixels. */
    static Image edf(byte[] b) {
        int end = -1;
        for (int i = 0; i < b.length - 1; i++) {
            if (b[i] == '}' && (b[i + 1] == '\n')) {
                end = i + 2;
                break;
            }
        }
        if (b.length == 0 || b[0] != '{' || end < 0) {
            throw new BadInput("not an EDF file (no {...} header)");
        }
        String header = new String(b, 0, end, StandardCharsets.ISO_8859_1);
        Map<String, String> kv = new java.util.HashMap<>();
        for (String line : header.split("[;\\n]")) {
            int eq = line.indexOf('=');
            if (eq > 0) kv.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
        }
        int cols = Integer.parseInt(need(kv, "dim_1"));
        int rows = Integer.parseInt(need(kv, "dim_2"));
        String dt = need(kv, "datatype").toLowerCase(Locale.ROOT);
        PixelType type = switch (dt) {
            case "signedbyte" -> PixelType.INT8;
            case "unsignedbyte" -> PixelType.UINT8;
            case "signedshort" -> PixelType.INT16;
            case "unsignedshort" -> PixelType.UINT16;
            case "signedinteger", "signedlong" -> PixelType.INT32;
            case "unsignedinteger", "unsignedlong" -> PixelType.UINT32;
            case "float", "floatvalue", "real" -> PixelType.FLOAT32;
            case "double", "doublevalue" -> PixelType.FLOAT64;
            default -> throw new BadInput("EDF DataType " + dt + " is not supported");
        };
        boolean big = kv.getOrDefault("byteorder", "LowByteFirst").equalsIgnoreCase("HighByteFirst");
        int n = rows * cols * type.bytes();
        if (end + n > b.length) {
            throw new BadInput("EDF data is shorter than Dim_1 x Dim_2 x " + type);
        }
        int start = b.length - n; // the header is padded; the data are the last bytes
        ByteBuffer out = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        copySwapped(b, start, out, type.bytes(), big);
        return new Image(rows, cols, type, out);
    }

    static void copySwapped(byte[] src, int start, ByteBuffer out, int width, boolean bigEndian) {
        int n = out.capacity();
        if (!bigEndian || width == 1) {
            out.put(0, src, start, n);
            return;
        }
        for (int i = 0; i < n; i += width) {
            for (int k = 0; k < width; k++) {
                out.put(i + k, src[start + i + width - 1 - k]);
            }
        }
    }

    private static String need(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new BadInput("EDF header has no " + key);
        }
        return v;
    }
}
