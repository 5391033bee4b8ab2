package org.hutch.app.mask;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.hutch.app.files.ImageFiles;
import org.hutch.receiver.hdf5.AzintFile;

/**
 * Mask files in and out, one byte per pixel in memory (1 = excluded):
 * <ul>
 * <li>{@code .u8} / {@code .raw}: raw bytes, row-major (as {@code hutch azint --mask} reads them);</li>
 * <li>{@code .tif}: an uncompressed 8-bit TIFF, 1 = masked;</li>
 * <li>{@code .mask}: Dioptas' mask, a TIFF of 32-bit signed integers 0/1 (Dioptas saves
 * {@code np.int8(mask)} through Pillow, which stores int8 arrays in its 32-bit "I" mode), rows in the
 * order of the image array (Dioptas' default, no flip);</li>
 * <li>{@code .edf}: ESRF data format, UnsignedByte, as fabio reads it;</li>
 * <li>{@code .h5} / {@code .nxs}: NeXus, {@code /entry/instrument/detector/pixel_mask} (uint32, bit 8 =
 * user-defined mask, as NXdetector defines the bits); any other dataset can be read.</li>
 * </ul>
 * Reading goes through the app's image readers ({@link ImageFiles#readMask}); any non-zero pixel is masked.
 */
public final class MaskFiles {
    public static final String NEXUS_MASK = "/entry/instrument/detector/pixel_mask";
    /** NXdetector pixel_mask bit 8: user-defined mask (e.g. around the beam stop). */
    public static final int USER_MASK_BIT = 1 << 8;

    private MaskFiles() {
    }

    public enum Format {
        RAW_U8("raw bytes (.u8)", ".u8"), TIFF("TIFF (.tif)", ".tif"), DIOPTAS("Dioptas mask (.mask)", ".mask"),
        EDF("EDF (.edf)", ".edf"), NEXUS("NeXus (.h5)", ".h5");

        private final String label;
        private final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        public String extension() {
            return extension;
        }

        /** The format a file name says, or null. */
        public static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".u8") || n.endsWith(".raw") || n.endsWith(".u8.gz") || n.endsWith(".raw.gz")) return RAW_U8;
            if (n.endsWith(".tif") || n.endsWith(".tiff")) return TIFF;
            if (n.endsWith(".mask")) return DIOPTAS;
            if (n.endsWith(".edf") || n.endsWith(".edf.gz")) return EDF;
            if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".nxs") || n.endsWith(".nx5")) return NEXUS;
            return null;
        }
    }

    /**
     * Reads a mask of {@code rows x cols}.
     *
     * @param dataset the HDF5 dataset ({@code null}: {@link #NEXUS_MASK}); ignored for other formats
     */
    public static byte[] read(Path file, int rows, int cols, String dataset) throws IOException {
        Format f = Format.of(file);
        if (f == null) {
            throw new ImageFiles.BadInput(file.getFileName() + ": not a mask file this app reads (.u8, .raw, .tif, .mask, .edf, .h5, .nxs)");
        }
        if (f == Format.NEXUS) {
            synchronized (AzintFile.LOCK) { // libhdf5 is shared with the receiver's writer
                return ImageFiles.readMask(file, rows, cols, dataset != null ? dataset : NEXUS_MASK);
            }
        }
        return ImageFiles.readMask(file, rows, cols, null);
    }

    /** Writes {@code mask} (rows x cols, non-zero = masked) in the format its name says. */
    public static void write(Path file, byte[] mask, int rows, int cols) throws IOException {
        Format f = Format.of(file);
        if (f == null) {
            throw new ImageFiles.BadInput(file.getFileName() + ": give the mask file one of the endings .u8, .tif, .mask, .edf, .h5");
        }
        if (mask.length != rows * cols) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for " + rows + "x" + cols);
        }
        switch (f) {
            case RAW_U8 -> Files.write(file, zeroOne(mask));
            case TIFF -> Files.write(file, tiff(zeroOne(mask), rows, cols, 8, 1));
            case DIOPTAS -> {
                ByteBuffer b = ByteBuffer.allocate(mask.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (byte m : mask) {
                    b.putInt(m != 0 ? 1 : 0);
                }
                Files.write(file, tiff(b.array(), rows, cols, 32, 2));
            }
            case EDF -> Files.write(file, edf(zeroOne(mask), rows, cols));
            case NEXUS -> nexus(file, mask, rows, cols);
            default -> throw new IllegalStateException(f.toString());
        }
    }

    private static byte[] zeroOne(byte[] mask) {
        byte[] out = new byte[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (mask[i] != 0 ? 1 : 0);
        }
        return out;
    }

    /**
     * A little-endian single-strip uncompressed TIFF of one sample per pixel.
     *
     * @param sampleFormat 1 unsigned integer, 2 signed integer
     */
    static byte[] tiff(byte[] pixels, int rows, int cols, int bits, int sampleFormat) {
        int entries = 10;
        int ifd = 8;
        int ifdBytes = 2 + entries * 12 + 4;
        int data = ifd + ifdBytes;
        ByteBuffer b = ByteBuffer.allocate(data + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 4, cols);            // ImageWidth
        entry(b, 257, 4, rows);            // ImageLength
        entry(b, 258, 3, bits);            // BitsPerSample
        entry(b, 259, 3, 1);               // Compression: none
        entry(b, 262, 3, 1);               // PhotometricInterpretation: BlackIsZero
        entry(b, 273, 4, data);            // StripOffsets
        entry(b, 277, 3, 1);               // SamplesPerPixel
        entry(b, 278, 4, rows);            // RowsPerStrip
        entry(b, 279, 4, pixels.length);   // StripByteCounts
        entry(b, 339, 3, sampleFormat);    // SampleFormat
        b.putInt(0);                       // no next IFD
        b.put(pixels);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** EDF with a 512-byte header, as fabio writes it. */
    static byte[] edf(byte[] pixels, int rows, int cols) {
        String h = "{\nEDF_DataBlockID = 0.Image.Psd ;\nEDF_BinarySize = " + pixels.length + " ;\nEDF_HeaderSize = 512 ;\n"
                + "ByteOrder = LowByteFirst ;\nDataType = UnsignedByte ;\nDim_1 = " + cols + " ;\nDim_2 = " + rows
                + " ;\nImage = 1 ;\nHeaderID = EH:000001:000000:000000 ;\nSize = " + pixels.length + " ;\n";
        StringBuilder sb = new StringBuilder(h);
        while (sb.length() < 510) {
            sb.append(' ');
        }
        sb.append("}\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + pixels.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(pixels, 0, out, head.length, pixels.length);
        return out;
    }

    /** /entry/instrument/detector/pixel_mask, uint32, bit 8 set where masked; NeXus classes on the groups. */
    static void nexus(Path file, byte[] mask, int rows, int cols) throws IOException {
        synchronized (AzintFile.LOCK) {
            H5open();
            H5Eset_auto2(H5E_DEFAULT, null, null);
            long f = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            if (f < 0) {
                throw new IOException("cannot create " + file);
            }
            try {
                long entry = group(f, "entry", "NXentry");
                long inst = group(entry, "instrument", "NXinstrument");
                long det = group(inst, "detector", "NXdetector");
                long space = -1;
                long ds = -1;
                try (LongPointer dims = new LongPointer(rows, cols); IntPointer v = new IntPointer((long) mask.length)) {
                    for (int i = 0; i < mask.length; i++) {
                        v.put(i, mask[i] != 0 ? USER_MASK_BIT : 0);
                    }
                    space = H5Screate_simple(2, dims, null);
                    ds = H5Dcreate2(det, "pixel_mask", H5T_STD_U32LE_g(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    if (ds < 0 || H5Dwrite(ds, H5T_NATIVE_UINT32_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0) {
                        throw new IOException("cannot write " + NEXUS_MASK + " in " + file);
                    }
                } finally {
                    if (ds >= 0) H5Dclose(ds);
                    if (space >= 0) H5Sclose(space);
                    H5Gclose(det);
                    H5Gclose(inst);
                    H5Gclose(entry);
                }
            } finally {
                H5Fclose(f);
            }
        }
    }

    private static long group(long parent, String name, String nxClass) throws IOException {
        long g = H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (g < 0) {
            throw new IOException("cannot create group " + name);
        }
        byte[] v = nxClass.getBytes(StandardCharsets.US_ASCII);
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, v.length);
        long space = H5Screate(H5S_SCALAR);
        long attr = H5Acreate2(g, "NX_class", type, space, H5P_DEFAULT, H5P_DEFAULT);
        try (BytePointer p = new BytePointer(v.length)) {
            p.put(v);
            if (attr < 0 || H5Awrite(attr, type, p) < 0) {
                throw new IOException("cannot write NX_class of " + name);
            }
        } finally {
            if (attr >= 0) H5Aclose(attr);
            H5Sclose(space);
            H5Tclose(type);
        }
        return g;
    }
}
