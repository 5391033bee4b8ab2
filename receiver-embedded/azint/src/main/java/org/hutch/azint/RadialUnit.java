package org.hutch.azint;

import java.util.Locale;

/** Radial units of an integration, with pyFAI's names. */
public enum RadialUnit {
    /** Scattering vector q = 4π/λ·sin(2θ/2) in inverse nanometres. */
    Q_NM("q_nm^-1"),
    /** Scattering vector in inverse ångström (q_nm / 10); azint's {@code unit='q'}. */
    Q_A("q_A^-1"),
    /** Scattering angle 2θ in degrees. */
    TTH_DEG("2th_deg");

    private final String label;

    RadialUnit(String label) {
        this.label = label;
    }

    /** pyFAI's name of the unit, e.g. {@code q_nm^-1}. */
    public String label() {
        return label;
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

    /** True if the unit needs a wavelength. */
    public boolean needsWavelength() {
        return this != TTH_DEG;
    }

    /** Accepts pyFAI's names and the short forms q_nm, q_A, q (nm⁻¹, as in pyFAI), 2th; case-insensitive. */
    public static RadialUnit parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "q_nm^-1", "q_nm-1", "q_nm", "q" -> Q_NM;
            case "q_a^-1", "q_a-1", "q_a" -> Q_A;
            case "2th_deg", "2th", "tth", "2theta" -> TTH_DEG;
            default -> throw new IllegalArgumentException("unknown radial unit '" + text + "' (q_nm^-1, q_A^-1 or 2th_deg)");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
