package org.hutch.azint;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.zip.GZIPInputStream;
import org.hutch.testkit.TestData;

/** One reference case of ../shared/testdata/azint, read as the README there describes. */
final class RefCase {
    static final String[] NAMES = {"dev01_ceo2_pilatus1m_real", "dev02_eiger4m_synth_nomask", "dev03_eiger2_4m_synth_masked"};

    final String name;
    final Path dir;
    final Map<String, Object> json;
    final int rows;
    final int cols;

    static Path root() {
        return TestData.path("azint");
    }

    /** The case, or the test is skipped with a message when the reference data is absent. */
    @SuppressWarnings("unchecked")
    static RefCase load(String name) {
        Path dir = root().resolve(name);
        assumeTrue(Files.isDirectory(dir), "reference data absent: " + dir);
        try {
            return new RefCase(name, dir, new ObjectMapper().readValue(dir.resolve("case.json").toFile(), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private RefCase(String name, Path dir, Map<String, Object> json) {
        this.name = name;
        this.dir = dir;
        this.json = json;
        List<Number> shape = (List<Number>) ((Map<String, Object>) json.get("image")).get("shape");
        rows = shape.get(0).intValue();
        cols = shape.get(1).intValue();
    }

    Poni poni() throws IOException {
        return Poni.read(dir.resolve("geometry.poni"));
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        }
    }

    ByteBuffer imageBytes() throws IOException {
        return ByteBuffer.wrap(gunzip(dir.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN);
    }

    int[] image() throws IOException {
        ByteBuffer b = imageBytes();
        int[] out = new int[rows * cols];
        b.asIntBuffer().get(out);
        return out;
    }

    /** 1 = excluded, or null when the case has no mask. */
    byte[] mask() throws IOException {
        Path m = dir.resolve("mask.u8.gz");
        return Files.exists(m) ? gunzip(m) : null;
    }

    @SuppressWarnings("unchecked")
    double[] range(String unitKey) {
        List<Number> r = (List<Number>) ((Map<String, Object>) ((Map<String, Object>) json.get("radial")).get(unitKey)).get("radial_range");
        return new double[] {r.get(0).doubleValue(), r.get(1).doubleValue()};
    }

    @SuppressWarnings("unchecked")
    double radialInfo(String unitKey, String field) {
        return ((Number) ((Map<String, Object>) ((Map<String, Object>) json.get("radial")).get(unitKey)).get(field)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    int npt(String unitKey) {
        return ((Number) ((Map<String, Object>) ((Map<String, Object>) json.get("radial")).get(unitKey)).get("npt")).intValue();
    }

    /** Columns of a reference CSV: radial, intensity, sigma, sum_signal, sum_variance, sum_normalization, count. */
    double[][] csv(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        int n = lines.size() - 1;
        int ncol = lines.get(0).split(",").length;
        double[][] cols = new double[ncol][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int c = 0; c < ncol; c++) {
                cols[c][i] = Double.parseDouble(f[c]);
            }
        }
        return cols;
    }


}
