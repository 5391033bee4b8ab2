package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.hutch.model.pixels.BlockReduction;
import org.hutch.widgets.demo.SyntheticFrames;
import org.junit.jupiter.api.Test;

/** The preparation pipeline without a screen: reduction, invalid pixels, percentiles, colours. */
class ImagePreparerTest {

    private static final RenderSettings GRAY_0_100 = new RenderSettings(Colormap.GRAY, false, Scale.LINEAR,
            ContrastMode.MANUAL, 0.1, 99.9, 0, 100, BlockReduction.MAX, 0xFF112233, 0xFF445566, true);

    @Test
    void maxReductionKeepsASingleHotPixelAndMeanAveragesIt() {
        int[] d = new int[100 * 100];
        d[37 * 100 + 58] = 100; // one hot pixel
        ImageFrame f = ImageFrame.ofUInt32(100, 100, d, 0);
        try (ImagePreparer p = new ImagePreparer(1)) {
            PreparedImage img = p.prepare(f, null, GRAY_0_100, ImageRegion.whole(f), 10, 10, null);
            assertEquals(10, img.width());
            assertEquals(10, img.height());
            assertEquals(0xFFFFFFFF, img.argb()[3 * 10 + 5], "the block holding the hot pixel is white");
            assertEquals(1, Arrays.stream(img.argb(), 0, 100).filter(c -> c == 0xFFFFFFFF).count());

            PreparedImage mean = p.prepare(f, null, withReduction(GRAY_0_100, BlockReduction.MEAN), ImageRegion.whole(f), 10, 10, null);
            assertEquals(Colormap.GRAY.lut(false)[(int) (1.0 * 2.56)], mean.argb()[3 * 10 + 5], "100 / 100 pixels = 1");

            PreparedImage sum = p.prepare(f, null, withReduction(GRAY_0_100, BlockReduction.SUM), ImageRegion.whole(f), 10, 10, null);
            assertEquals(0xFFFFFFFF, sum.argb()[3 * 10 + 5], "the block sums to 100, the top of the 0..100 scale");
            assertEquals(Colormap.GRAY.lut(false)[0], sum.argb()[0], "an empty block sums to 0");
        }
    }

    @Test
    void invalidPixelsFollowTheDtypeRulesAndLoseToValidOnesInABlock() {
        assertInvalid(ImageFrame.ofUInt8(1, 2, new byte[] {(byte) 0xFF, 3}, 0));
        assertInvalid(ImageFrame.ofUInt16(1, 2, new short[] {(short) 0xFFFF, 3}, 0));
        assertInvalid(ImageFrame.ofUInt32(1, 2, new int[] {-1, 3}, 0));
        assertInvalid(ImageFrame.ofUInt64(1, 2, new long[] {-1L, 3}, 0));
        assertInvalid(ImageFrame.ofInt16(1, 2, new short[] {-2, 3}, 0));
        assertInvalid(ImageFrame.ofInt32(1, 2, new int[] {-1, 3}, 0));
        assertInvalid(ImageFrame.ofFloat32(1, 2, new float[] {Float.NaN, 3}, 0));
        assertInvalid(ImageFrame.ofFloat64(1, 2, new double[] {Double.POSITIVE_INFINITY, 3}, 0));
        assertInvalid(ImageFrame.ofUInt16(1, 2, new short[] {42, 3}, 0).withInvalidValue(42));

        // a 2x2 block with one gap pixel and three valid ones is drawn from the valid ones
        ImageFrame f = ImageFrame.ofUInt32(2, 2, new int[] {-1, 10, 20, 50}, 0);
        try (ImagePreparer p = new ImagePreparer(1)) {
            PreparedImage img = p.prepare(f, null, GRAY_0_100, ImageRegion.whole(f), 1, 1, null);
            assertEquals(Colormap.GRAY.lut(false)[128], img.argb()[0]);
        }
    }

    private static void assertInvalid(ImageFrame f) {
        try (ImagePreparer p = new ImagePreparer(1)) {
            PreparedImage img = p.prepare(f, null, GRAY_0_100, ImageRegion.whole(f), 2, 1, null);
            assertEquals(0xFF112233, img.argb()[0], f.type() + " invalid pixel");
            assertEquals(Colormap.GRAY.lut(false)[(int) (3 * 2.56)], img.argb()[1], f.type() + " valid pixel");
            assertEquals(true, f.isInvalid(0, 0));
            assertEquals(false, f.isInvalid(0, 1));
            assertEquals(1, p.histogram().count(), "invalid pixels are not counted");
        }
    }

    @Test
    void twoThreadsGiveExactlyTheSameImageAsOne() {
        SyntheticFrames source = new SyntheticFrames(517, 389);
        ImageFrame f = source.uint32(1, 3);
        ImageMask mask = source.beamStopMask();
        for (Scale scale : Scale.values()) {
            for (BlockReduction red : BlockReduction.values()) {
                RenderSettings s = new RenderSettings(Colormap.INFERNO, false, scale, ContrastMode.PERCENTILE, 1, 99,
                        0, 1, red, 0xFF112233, 0xFF445566, true);
                try (ImagePreparer one = new ImagePreparer(1); ImagePreparer two = new ImagePreparer(2)) {
                    for (ImageRegion region : new ImageRegion[] {ImageRegion.whole(f), new ImageRegion(100, 50, 400, 300)}) {
                        PreparedImage a = one.prepare(f, mask, s, region, 160, 200, null);
                        PreparedImage b = two.prepare(f, mask, s, region, 160, 200, null);
                        assertArrayEquals(a.argb(), b.argb(), scale + " " + red + " " + region);
                        assertEquals(a.low(), b.low());
                        assertEquals(a.high(), b.high());
                        assertArrayEquals(a.histogram(), b.histogram());
                    }
                }
            }
        }
    }

    @Test
    void percentilesFromTheHistogramMatchASortForIntegerData() {
        Random rnd = new Random(11);
        int[] d = new int[300 * 200];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) Math.min(500, Math.abs(rnd.nextGaussian() * 60));
        }
        ImageFrame f = ImageFrame.ofUInt32(300, 200, d, 0);
        int[] sorted = d.clone();
        Arrays.sort(sorted);
        try (ImagePreparer p = new ImagePreparer(2)) {
            p.prepare(f, null, GRAY_0_100, ImageRegion.whole(f), 100, 100, null);
            ValueHistogram h = p.histogram();
            for (double q : new double[] {0, 0.1, 1, 25, 50, 99, 99.9, 100}) {
                int rank = (int) Math.floor(q / 100 * (sorted.length - 1));
                assertEquals(sorted[rank], h.percentile(q), "percentile " + q);
            }
        }
    }

    @Test
    void largeValuesArePlacedWithinTheBinPrecision() {
        ValueHistogram h = new ValueHistogram();
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e6f + i * 1000f;
        }
        h.add(v, v.length, null, 0);
        double p90 = h.percentile(90);
        double exact = v[(int) Math.floor(0.9 * 999)];
        assertEquals(exact, p90, exact * 0.004, "relative bin width is below 0.4 %");
    }

    @Test
    void enlargingARegionRepeatsPixelsAndOutsideRegionsAreRejected() {
        ImageFrame f = ImageFrame.ofFloat32(4, 4, new float[] {
            0, 0, 0, 0,
            0, 100, 50, 0,
            0, 0, 100, 0,
            0, 0, 0, 0}, 0);
        try (ImagePreparer p = new ImagePreparer(1)) {
            PreparedImage img = p.prepare(f, null, GRAY_0_100, new ImageRegion(1, 1, 3, 3), 6, 6, null);
            assertEquals(6, img.width());
            int white = 0xFFFFFFFF;
            int mid = Colormap.GRAY.lut(false)[128];
            int black = 0xFF000000;
            int[][] expected = {{white, mid}, {black, white}};
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    assertEquals(expected[y / 3][x / 3], img.argb()[y * 6 + x], "output pixel " + x + "," + y);
                }
            }
            assertThrows(IllegalArgumentException.class,
                    () -> p.prepare(f, null, GRAY_0_100, new ImageRegion(0, 0, 5, 4), 4, 4, null));
        }
    }

    private static RenderSettings withReduction(RenderSettings s, BlockReduction r) {
        return new RenderSettings(s.colormap(), s.reversed(), s.scale(), s.contrastMode(), s.percentileLow(),
                s.percentileHigh(), s.manualLow(), s.manualHigh(), r, s.invalidArgb(), s.maskArgb(), s.maskOverlay());
    }
}
