package org.hutch.app.ui;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import org.hutch.widgets.plot.Curve;

/** The live 1D curve, I versus the radial unit. FX thread only. */
public final class CurvePlot extends StackPane {
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private Curve shown;

    CurvePlot() {
        setId("azint-plot");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getData().add(series);
        x.setForceZeroInRange(false);
        x.setLabel("q (nm\u207b\u00b9)");
        y.setLabel("I");
        chart.setTitle("Azimuthal integration");
        getChildren().add(chart);
        setMinHeight(180);
    }

    public void setCurve(Curve c) {
        shown = c;
        x.setLabel(c.unit().label());
        chart.setTitle("Azimuthal integration, frame " + c.frame());
        @SuppressWarnings("unchecked")
        XYChart.Data<Number, Number>[] points = new XYChart.Data[c.size()];
        for (int i = 0; i < c.size(); i++) {
            points[i] = new XYChart.Data<>(c.x()[i], c.y()[i]);
        }
        series.getData().setAll(points);
    }

    /** The curve on screen, or {@code null}. */
    public Curve shownCurve() {
        return shown;
    }
}
