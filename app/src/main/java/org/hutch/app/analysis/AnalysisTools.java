package org.hutch.app.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;

import org.hutch.app.client.LiveFrame;
import org.hutch.app.live.WidgetData;
import org.hutch.app.session.Session;
import org.hutch.azint.Poni;
import org.hutch.widgets.analysis.ImageAnalysis;
import org.hutch.widgets.analysis.LineCut;
import org.hutch.widgets.analysis.Roi;
import org.hutch.widgets.image.DisplayTransform;
import org.hutch.widgets.image.ImageMask;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.app.ui.MainView;

/**
 * ROIs, the line cut with projections, and the image's flips and turns in one workspace: the "ROI"
 * and "Line cut" tabs, their Analysis menu items, the View menu's orientation items, live feeding
 * and what is remembered per detector (FX thread, except {@link #liveFrame}).
 * <p>
 * Menu item ids: {@code #flip-horizontal}, {@code #flip-vertical}, {@code #rotate-clockwise},
 * {@code #rotate-counter-clockwise}, {@code #orientation-reset}, {@code #roi-tool-item},
 * {@code #linecut-tool-item}; tab ids {@code #roi-tab}, {@code #linecut-tab}.
 */
public final class AnalysisTools {

    private final LiveImageView image;
    private final ImageAnalysis analysis;
    private Runnable onChanged = () -> { };
    /** the session mask last turned into a full-resolution image mask (poller thread) */
    private byte[] maskSeen;

    public AnalysisTools(MainView view) {
        image = view.image();
        analysis = new ImageAnalysis(image);
        analysis.setOnEdited(() -> onChanged.run());

        Tab roiTab = new Tab("ROI", analysis.roiPane());
        roiTab.setId("roi-tab");
        roiTab.setClosable(false);
        Tab lineTab = new Tab("Line cut", analysis.lineCutPane());
        lineTab.setId("linecut-tab");
        lineTab.setClosable(false);
        view.analysisTabs().getTabs().addAll(roiTab, lineTab);

        MenuItem roiTool = new MenuItem("Draw ROIs");
        roiTool.setId("roi-tool-item");
        roiTool.setOnAction(e -> {
            image.activeToolProperty().set(analysis.roiTool());
            view.analysisTabs().getSelectionModel().select(roiTab);
        });
        MenuItem lineTool = new MenuItem("Draw a line cut");
        lineTool.setId("linecut-tool-item");
        lineTool.setOnAction(e -> {
            image.activeToolProperty().set(analysis.lineCutTool());
            view.analysisTabs().getSelectionModel().select(lineTab);
        });
        view.analysisMenu().getItems().addAll(roiTool, lineTool);

        view.viewMenu().getItems().addAll(
                transformItem("flip-horizontal", "Flip horizontally", DisplayTransform::flippedHorizontally),
                transformItem("flip-vertical", "Flip vertically", DisplayTransform::flippedVertically),
                transformItem("rotate-clockwise", "Rotate 90\u00b0 clockwise", DisplayTransform::rotatedClockwise),
                transformItem("rotate-counter-clockwise", "Rotate 90\u00b0 counter-clockwise", DisplayTransform::rotatedCounterClockwise),
                new SeparatorMenuItem(),
                transformItem("orientation-reset", "Detector orientation", t -> DisplayTransform.IDENTITY));
    }

    private MenuItem transformItem(String id, String text, UnaryOperator<DisplayTransform> change) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> {
            image.setDisplayTransform(change.apply(image.getDisplayTransform()));
            onChanged.run();
        });
        return item;
    }

    public ImageAnalysis analysis() {
        return analysis;
    }

    /** Runs when something to remember changed (shapes drawn, orientation). */
    public void onChanged(Runnable r) {
        onChanged = r != null ? r : () -> { };
    }

    /**
     * A live frame at the receiver's best resolution, with the session's mask (poller thread): the
     * mask is made once per PONI/mask change, at the detector's full shape.
     */
    public void liveFrame(LiveFrame full, Session s) {
        if (s != null && s.mask() != maskSeen) {
            maskSeen = s.mask();
            Poni p = s.poni();
            ImageMask m = p != null && p.hasShape() ? WidgetData.imageMask(maskSeen, p, p.rows(), p.cols()) : null;
            analysis.setMask(m);
        }
        analysis.frameShown(full.frame(), WidgetData.imageFrame(full), full.downsample());
    }

    // ---- remembered per detector

    /** What to remember: orientation, ROIs and the line, as plain JSON values. */
    public Map<String, Object> remembered() {
        Map<String, Object> m = new LinkedHashMap<>();
        DisplayTransform t = image.getDisplayTransform();
        m.put("quarterTurns", t.quarterTurns());
        m.put("mirrored", t.mirrored());
        List<Map<String, Object>> rois = new ArrayList<>();
        for (Roi r : analysis.roiLayer().rois()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", r.name());
            one.put("col0", r.col0());
            one.put("row0", r.row0());
            one.put("col1", r.col1());
            one.put("row1", r.row1());
            rois.add(one);
        }
        m.put("rois", rois);
        LineCut l = analysis.lineCutLayer().lineProperty().get();
        if (l != null) {
            m.put("lineCut", List.of(l.col0(), l.row0(), l.col1(), l.row1()));
        }
        return m;
    }

    /** Puts back what {@link #remembered} gave (null = nothing remembered: detector orientation, no shapes). */
    public void restore(Map<String, Object> m) {
        Map<String, Object> r = m != null ? m : Map.of();
        image.setDisplayTransform(new DisplayTransform(integer(r.get("quarterTurns")), Boolean.TRUE.equals(r.get("mirrored"))));
        List<Roi> rois = new ArrayList<>();
        if (r.get("rois") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> one && one.get("name") instanceof String name) {
                    Roi roi = new Roi(name, integer(one.get("col0")), integer(one.get("row0")),
                            integer(one.get("col1")), integer(one.get("row1")));
                    if (!roi.isEmpty()) {
                        rois.add(roi);
                    }
                }
            }
        }
        LineCut line = null;
        if (r.get("lineCut") instanceof List<?> l && l.size() == 4 && l.stream().allMatch(x -> x instanceof Number)) {
            line = new LineCut(num(l.get(0)), num(l.get(1)), num(l.get(2)), num(l.get(3)));
        }
        analysis.setShapes(rois, line);
    }

    private static int integer(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
