package org.hutch.widgets.plot;

import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.FxThread;

/**
 * Vertical markers on an {@link AzintPlot} at given d-spacings (phase or calibrant lines), placed in
 * whatever the x axis shows: d itself, q, or 2θ with the live curve's wavelength (no 2θ marker
 * without one). They follow the unit, the d axis and the curve. FX thread only.
 */
public final class PlotMarkers {
    /** One set of lines drawn in one colour; {@code labels} name each line (may be empty strings). */
    public record Lines(String name, Color color, double[] dA, String[] labels) {
    }

    private final AzintPlot plot;
    private final List<Marker> shown = new ArrayList<>();
    private List<Lines> lines = List.of();

    public PlotMarkers(AzintPlot plot) {
        this.plot = plot;
        plot.unitProperty().addListener((o, a, b) -> redraw());
        plot.dAxisProperty().addListener((o, a, b) -> redraw());
        plot.curveProperty().addListener((o, a, b) -> {
            if (a == null || b == null || a.unit() != b.unit() || Double.compare(a.wavelength(), b.wavelength()) != 0) {
                redraw();
            }
        });
    }

    /** Replaces every marker. */
    public void set(List<Lines> sets) {
        FxThread.check("PlotMarkers.set");
        lines = List.copyOf(sets);
        redraw();
    }

    /** The x positions of the markers now on the plot, in the axis's unit (for readouts and tests). */
    public double[] positions() {
        return shown.stream().mapToDouble(XValueIndicator::getValue).toArray();
    }

    private void redraw() {
        plot.chart().getPlugins().removeAll(shown);
        shown.clear();
        Curve c = plot.curveProperty().get();
        boolean d = plot.dAxisProperty().get() && c != null && c.convertibleTo(RadialUnit.Q_A);
        RadialUnit u = plot.unitProperty().get();
        double wavelength = c == null ? Double.NaN : c.wavelength();
        for (Lines set : lines) {
            for (int i = 0; i < set.dA().length; i++) {
                double x = position(set.dA()[i], d, u, wavelength);
                if (Double.isFinite(x)) {
                    String label = i == 0 ? set.name() : "";
                    shown.add(new Marker(plot.xAxis(), x, label, set.color()));
                }
            }
        }
        plot.chart().getPlugins().addAll(shown);
    }

    /** Where a line of d-spacing dA (Å) falls on the axis; NaN when it cannot be placed (2θ without λ, λ > 2d). */
    static double position(double dA, boolean dAxis, RadialUnit unit, double wavelengthA) {
        if (dAxis) {
            return dA;
        }
        return switch (unit) {
            case Q_NM -> 20 * Math.PI / dA;
            case Q_A -> 2 * Math.PI / dA;
            case TTH_DEG -> Double.isNaN(wavelengthA) || wavelengthA > 2 * dA ? Double.NaN
                    : Math.toDegrees(2 * Math.asin(wavelengthA / (2 * dA)));
        };
    }

    /** A fixed (not draggable) indicator in the set's colour. */
    private static final class Marker extends XValueIndicator {
        Marker(Axis axis, double value, String label, Color color) {
            super(axis, value, label);
            setEditable(false);
            // the name starts at its line: centred on it, it was cut off by the plot's edge when the line sat near one
            setLabelHorizontalAnchor(javafx.geometry.HPos.LEFT);
            String rgb = String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", (int) (color.getRed() * 255), (int) (color.getGreen() * 255),
                    (int) (color.getBlue() * 255), color.getOpacity());
            line.setStyle("-fx-stroke: " + rgb + "; -fx-stroke-width: 1;");
            triangle.setStyle("-fx-fill: " + rgb + ";");
        }
    }
}
