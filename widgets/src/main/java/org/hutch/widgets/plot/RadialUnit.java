package org.hutch.widgets.plot;

/** Unit of the radial axis of an azimuthal-integration curve. */
public enum RadialUnit {
    Q_NM("q", "nm\u207b\u00b9"),
    Q_A("q", "\u00c5\u207b\u00b9"),
    TWO_THETA_DEG("2\u03b8", "\u00b0");

    private final String quantity;
    private final String unit;

    RadialUnit(String quantity, String unit) {
        this.quantity = quantity;
        this.unit = unit;
    }

    public String quantity() {
        return quantity;
    }

    public String unit() {
        return unit;
    }

    /** Axis label such as "q (nm⁻¹)". */
    public String label() {
        return quantity + " (" + unit + ")";
    }

    public boolean isQ() {
        return this != TWO_THETA_DEG;
    }
}
