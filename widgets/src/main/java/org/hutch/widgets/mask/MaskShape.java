package org.hutch.widgets.mask;

/**
 * A shape drawn on the detector, in detector pixel coordinates ({@code col} across, {@code row} down,
 * fractional; pixel (r, c) spans [c, c+1) x [r, r+1)). A pixel belongs to a shape when its centre
 * (c + 0.5, r + 0.5) is inside, so a shape covers the same pixels whatever zoom or display transform
 * it was drawn at.
 */
public sealed interface MaskShape {

    /** Whether the point (col, row) is inside. */
    boolean contains(double col, double row);

    /** {col0, row0, col1, row1}: a box holding the whole shape. */
    double[] bounds();

    /** A disc of radius {@code r} around ({@code col}, {@code row}). */
    record Circle(double col, double row, double r) implements MaskShape {
        @Override
        public boolean contains(double c, double w) {
            double dc = c - col;
            double dr = w - row;
            return dc * dc + dr * dr <= r * r;
        }

        @Override
        public double[] bounds() {
            return new double[] {col - r, row - r, col + r, row + r};
        }
    }

    /** An axis-aligned rectangle between two corners (in any order); edges inclusive. */
    record Rectangle(double col0, double row0, double col1, double row1) implements MaskShape {
        @Override
        public boolean contains(double c, double r) {
            return c >= Math.min(col0, col1) && c <= Math.max(col0, col1)
                    && r >= Math.min(row0, row1) && r <= Math.max(row0, row1);
        }

        @Override
        public double[] bounds() {
            return new double[] {Math.min(col0, col1), Math.min(row0, row1), Math.max(col0, col1), Math.max(row0, row1)};
        }
    }

    /** A closed polygon (even-odd rule) through its vertices. */
    record Polygon(double[] cols, double[] rows) implements MaskShape {
        public Polygon {
            if (cols.length != rows.length || cols.length < 3) {
                throw new IllegalArgumentException("a polygon needs at least 3 vertices, each with a column and a row");
            }
            cols = cols.clone();
            rows = rows.clone();
        }

        @Override
        public boolean contains(double c, double r) {
            boolean in = false;
            int n = cols.length;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((rows[i] > r) != (rows[j] > r)
                        && c < (cols[j] - cols[i]) * (r - rows[i]) / (rows[j] - rows[i]) + cols[i]) {
                    in = !in;
                }
            }
            return in;
        }

        @Override
        public double[] bounds() {
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < cols.length; i++) {
                b[0] = Math.min(b[0], cols[i]);
                b[1] = Math.min(b[1], rows[i]);
                b[2] = Math.max(b[2], cols[i]);
                b[3] = Math.max(b[3], rows[i]);
            }
            return b;
        }
    }

    /**
     * An annulus sector: radii {@code rInner..rOuter} around ({@code col}, {@code row}), angles from
     * {@code start} over {@code extent} radians (negative = the other way round), angles measured as
     * {@code atan2(row - this.row, col - this.col)} (towards increasing rows from the column axis).
     */
    record Arc(double col, double row, double rInner, double rOuter, double start, double extent) implements MaskShape {
        @Override
        public boolean contains(double c, double r) {
            double dc = c - col;
            double dr = r - row;
            double d = Math.hypot(dc, dr);
            if (d < rInner || d > rOuter) {
                return false;
            }
            if (Math.abs(extent) >= 2 * Math.PI) {
                return true;
            }
            double a = Math.atan2(dr, dc) - start;
            if (extent >= 0) {
                return normalise(a) <= extent;
            }
            return normalise(-a) <= -extent;
        }

        @Override
        public double[] bounds() {
            return new double[] {col - rOuter, row - rOuter, col + rOuter, row + rOuter};
        }

        /**
         * The arc Dioptas draws from three clicks on a ring: the circle through {@code a}, {@code b},
         * {@code c} (each {col, row}), from a through b to c, {@code width} wide around that circle.
         *
         * @throws IllegalArgumentException when the three points lie on one line (no circle)
         */
        public static Arc throughThreePoints(double[] a, double[] b, double[] c, double width) {
            double d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
            if (Math.abs(d) < 1e-9) {
                throw new IllegalArgumentException("the three points of an arc lie on one line");
            }
            double a2 = a[0] * a[0] + a[1] * a[1];
            double b2 = b[0] * b[0] + b[1] * b[1];
            double c2 = c[0] * c[0] + c[1] * c[1];
            double x = (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d;
            double y = (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d;
            double radius = Math.hypot(a[0] - x, a[1] - y);
            double start = Math.atan2(a[1] - y, a[0] - x);
            double toB = normalise(Math.atan2(b[1] - y, b[0] - x) - start);
            double toC = normalise(Math.atan2(c[1] - y, c[0] - x) - start);
            double extent = toB <= toC ? toC : toC - 2 * Math.PI; // the way round that passes b
            double half = Math.abs(width) / 2;
            return new Arc(x, y, Math.max(0, radius - half), radius + half, start, extent);
        }

        /** The angle in [0, 2 pi). */
        static double normalise(double a) {
            double t = a % (2 * Math.PI);
            return t < 0 ? t + 2 * Math.PI : t;
        }
    }
}
