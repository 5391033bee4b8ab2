package org.hutch.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hutch.testkit.Python;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chunks checked against the reference bitshuffle filter as h5py + hdf5plugin run it: Java's chunks
 * written with direct chunk write must read back as the original pixels, and hdf5plugin's chunks must
 * decode in Java. Skipped without python3-h5py / python3-hdf5plugin.
 */
class Bslz4Hdf5PluginIT {
    @TempDir
    Path tmp;

    private static String numpyType(int es) {
        return es == 1 ? "<u1" : es == 2 ? "<u2" : "<u4";
    }

    @ParameterizedTest(name = "{0}x{1}, {2}-byte pixels")
    @CsvSource({"557,1043,4", "557,1043,2", "301,211,1", "1,5,4", "3,1031,2"})
    void javaChunksReadBackThroughHdf5plugin(int rows, int cols, int es) throws IOException {
        Python.assumeModules("h5py", "hdf5plugin", "numpy");
        ByteBuffer raw = EigerLikeFrame.generate(rows, cols, es, rows + cols);
        ByteBuffer chunk = Bslz4Codec.compress(raw, es);
        Path rawFile = tmp.resolve("raw.bin"), chunkFile = tmp.resolve("chunk.bin"), h5 = tmp.resolve("java.h5");
        Files.write(rawFile, raw.array());
        byte[] c = new byte[chunk.remaining()];
        chunk.duplicate().get(c);
        Files.write(chunkFile, c);
        String out = Python.check(String.join("\n",
                "import sys, h5py, hdf5plugin, numpy as np",
                "h5, rawf, chunkf, rows, cols, dt = sys.argv[1:7]",
                "rows, cols = int(rows), int(cols)",
                "with h5py.File(h5, 'w') as f:",
                "    d = f.create_dataset('data', shape=(1, rows, cols), dtype=dt, chunks=(1, rows, cols),",
                "                         **hdf5plugin.Bitshuffle(nelems=0, lz4=True))",
                "    d.id.write_direct_chunk((0, 0, 0), open(chunkf, 'rb').read())",
                "with h5py.File(h5, 'r') as f:",
                "    back = f['data'][0]",
                "    assert '32008' in f['data']._filters, f['data']._filters",
                "expected = np.frombuffer(open(rawf, 'rb').read(), dtype=dt).reshape(rows, cols)",
                "assert np.array_equal(back, expected), 'pixels differ'",
                "print('ok', int(back.astype(np.uint64).sum()))"),
                h5.toString(), rawFile.toString(), chunkFile.toString(), String.valueOf(rows), String.valueOf(cols),
                numpyType(es));
        assertEquals("ok " + sum(raw, es), out.strip());
    }

    @ParameterizedTest(name = "{0}x{1}, {2}-byte pixels")
    @CsvSource({"557,1043,4", "256,256,2", "33,77,1", "2,3,4"})
    void hdf5pluginChunksDecodeInJava(int rows, int cols, int es) throws IOException, CodecException {
        Python.assumeModules("h5py", "hdf5plugin", "numpy");
        Path rawFile = tmp.resolve("raw.bin"), chunkFile = tmp.resolve("chunk.bin"), h5 = tmp.resolve("py.h5");
        Python.check(String.join("\n",
                "import sys, h5py, hdf5plugin, numpy as np",
                "h5, rawf, chunkf, rows, cols, dt = sys.argv[1:7]",
                "rows, cols = int(rows), int(cols)",
                "rng = np.random.default_rng(rows * cols)",
                "a = rng.poisson(0.7, size=(rows, cols)).astype(dt)",
                "a[:, ::97] = np.iinfo(a.dtype).max",
                "a[rows // 2, :] = 300 % (np.iinfo(a.dtype).max + 1)",
                "with h5py.File(h5, 'w') as f:",
                "    f.create_dataset('data', data=a[None], chunks=(1, rows, cols),",
                "                     **hdf5plugin.Bitshuffle(nelems=0, lz4=True))",
                "with h5py.File(h5, 'r') as f:",
                "    mask, chunk = f['data'].id.read_direct_chunk((0, 0, 0))",
                "assert mask == 0",
                "open(chunkf, 'wb').write(chunk)",
                "open(rawf, 'wb').write(a.tobytes())"),
                h5.toString(), rawFile.toString(), chunkFile.toString(), String.valueOf(rows), String.valueOf(cols),
                numpyType(es));
        byte[] raw = Files.readAllBytes(rawFile);
        ByteBuffer decoded = Bslz4Codec.decompress(ByteBuffer.wrap(Files.readAllBytes(chunkFile)), es, raw.length);
        assertEquals(ByteBuffer.wrap(raw), decoded);
    }

    private static long sum(ByteBuffer raw, int es) {
        ByteBuffer b = raw.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long s = 0;
        while (b.hasRemaining()) {
            s += es == 1 ? b.get() & 0xFF : es == 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
        }
        return s;
    }
}
