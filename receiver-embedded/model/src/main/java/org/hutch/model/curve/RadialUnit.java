package org.hutch.model.curve;

import java.util.Locale;

/** Radial units of an azimuthal integration, with pyFAI's names and the labels a plot shows. */
public enum RadialUnit {
    /** Scattering vector q = 4π/λ·sin(2θ/2) in inverse nanometres. */
    Q_NM("q_nm^-1", "q", "nm\u207b\u00b9"),
    /** Scattering vector in inverse ångström (q_nm / 10); azint's {@code unit='q'}. */
    Q_A("q_A^-1", "q", "\u00c5\u207b\u00b9"),
    /** Scattering angle 2θ in degrees. */
    TTH_DEG("2th_deg", "2\u03b8", "\u00b0");

    private final String pyfaiName;
    private final String quantity;
    private final String unit;

    RadialUnit(String pyfaiName, String quantity, String unit) {
        this.pyfaiName = pyfaiName;
        this.quantity = quantity;
        this.unit = unit;
    }

    /** pyFAI's name of the unit, e.g. {@code q_nm^-1}: the name in files, CSV headers and the receiver's JSON. */
    public String pyfaiName() {
        return pyfaiName;
    }

    /** The quantity as a plot names it: "q" or "2θ". */
    public String quantity() {
        return quantity;
    }

    /** The unit as a plot shows it: "nm⁻¹", "Å⁻¹" or "°". */
    public String unit() {
        return unit;
    }

    /** Axis label such as "q (nm⁻¹)". */
    public String label() {
        return quantity + " (" + unit + ")";
    }

    /** True for the scattering-vector units. */
    public boolean isQ() {
        return this != TTH_DEG;
    }

    /** True if the unit needs a wavelength. */
    public boolean needsWavelength() {
        return this != TTH_DEG;
    }

    /** The radial value of a scattering angle 2θ (radians) at a wavelength (nm; unused for 2θ). */
    public double fromTth(double tthRad, double wavelengthNm) {
        return switch (this) {
            case TTH_DEG -> Math.toDegrees(tthRad);
            case Q_NM -> 4 * Math.PI / wavelengthNm * Math.sin(0.5 * tthRad);
            case Q_A -> 0.4 * Math.PI / wavelengthNm * Math.sin(0.5 * tthRad);
        };
    }

    /**
     * The radial value of a point at laboratory coordinates (t1, t2, t3) (metres, sample at the
     * origin, beam along t3). q uses sin θ = √(ρ²/(2r(r + t3))) with ρ² = t1² + t2², r = |t|: no
     * trigonometry and no cancellation near the beam.
     */
    public double fromLab(double t1, double t2, double t3, double wavelengthNm) {
        double rho2 = t1 * t1 + t2 * t2;
        if (this == TTH_DEG) {
            return Math.toDegrees(Math.atan2(Math.sqrt(rho2), t3));
        }
        double r = Math.sqrt(rho2 + t3 * t3);
        double sinTheta = Math.sqrt(0.5 * rho2 / (r * (r + t3)));
        return (this == Q_NM ? 4 * Math.PI : 0.4 * Math.PI) / wavelengthNm * sinTheta;
    }

    /** Accepts pyFAI's names and the short forms q_nm, q_A, q (nm⁻¹, as in pyFAI), 2th; case-insensitive. */
    public static RadialUnit fromName(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "q_nm^-1", "q_nm-1", "q_nm", "q" -> Q_NM;
            case "q_a^-1", "q_a-1", "q_a" -> Q_A;
            case "2th_deg", "2th", "tth", "2theta" -> TTH_DEG;
            default -> throw new IllegalArgumentException("unknown radial unit '" + text + "' (q_nm^-1, q_A^-1 or 2th_deg)");
        };
    }

    /** pyFAI's name. */
    @Override
    public String toString() {
        return pyfaiName;
    }
}
