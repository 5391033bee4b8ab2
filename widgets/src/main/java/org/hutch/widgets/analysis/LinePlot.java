package org.hutch.widgets.analysis;

import java.util.List;

import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;

/**
 * A ChartFX chart of a few named lines (FX thread). Each {@link #show} puts new data sets in, so no
 * data set is written while a render pass may still hold it.
 */
final class LinePlot extends BorderPane {

    /** One line: its name, colour, points (NaN leaves a gap) and whether to mark the points. */
    record Line(String name, Color color, double[] x, double[] y, boolean markers) {
    }

    private final DefaultNumericAxis xAxis;
    private final DefaultNumericAxis yAxis;
    private final XYChart chart;
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private List<Line> lines = List.of();

    LinePlot(String id, String xName, String xUnit, String yName) {
        xAxis = new DefaultNumericAxis(xName, xUnit);
        yAxis = new DefaultNumericAxis(yName, null);
        chart = new XYChart(xAxis, yAxis);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        xAxis.setAutoRangePadding(0.0);
        yAxis.setAutoRangePadding(0.05);
        Zoomer zoomer = new Zoomer();
        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        chart.getPlugins().add(zoomer);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPointReduction(false);
        renderer.setDrawMarker(true);
        chart.getRenderers().setAll(renderer);
        setCenter(chart);
    }

    void show(List<Line> newLines) {
        lines = List.copyOf(newLines);
        List<DataSet> sets = new java.util.ArrayList<>();
        for (Line l : newLines) {
            DoubleDataSet ds = new DoubleDataSet(l.name());
            ds.set(l.x(), l.y(), l.x().length, true);
            DataSetStyleBuilder style = DataSetStyleBuilder.newInstance().setLineColor(web(l.color())).setLineWidth(1.5);
            if (l.markers()) {
                style.setMarkerColor(web(l.color())).setMarkerSize(3);
            } else {
                style.setMarkerSize(0);
            }
            ds.setStyle(style.build());
            sets.add(ds);
        }
        renderer.getDatasets().setAll(sets);
        xAxis.setAutoRanging(true);
        yAxis.setAutoRanging(true);
    }

    /** The lines shown now (for tests and export). */
    List<Line> lines() {
        return lines;
    }

    XYChart chart() {
        return chart;
    }

    private static String web(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
