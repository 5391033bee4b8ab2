package org.hutch.widgets.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;

import org.hutch.model.acquisition.AcquisitionProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class DetectorControlPanelIT {

    private static final List<String> BUTTONS = List.of("#arm", "#start", "#stop", "#abort", "#disarm", "#initialize");
    private static final List<String> FIELDS = List.of("#exposure", "#period", "#images", "#triggers", "#trigger-mode", "#file-name");

    private DetectorControlPanel panel;
    private final List<String> actions = new ArrayList<>();

    @Start
    void start(Stage stage) {
        panel = new DetectorControlPanel();
        panel.getTriggerModes().setAll("ints", "exts", "exte");
        panel.triggerModeProperty().set("ints");
        panel.setOnArm(e -> actions.add("arm"));
        panel.setOnStart(e -> actions.add("start"));
        panel.setOnStop(e -> actions.add("stop"));
        panel.setOnAbort(e -> actions.add("abort"));
        panel.setOnDisarm(e -> actions.add("disarm"));
        panel.setOnInitialize(e -> actions.add("initialize"));
        panel.setCommands(EnumSet.allOf(ControlCommand.class));
        stage.setScene(new Scene(panel, 420, 520));
        stage.show();
    }

    private boolean enabled(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return !n.isDisabled();
    }

    @Test
    void buttonsAreEnabledOnlyWhenTheStateAllows(FxRobot robot) {
        Map<ControlState, Set<String>> allowed = Map.of(
                ControlState.UNKNOWN, Set.of("#abort", "#initialize"),
                ControlState.OFF, Set.of("#initialize"),
                ControlState.READY, Set.of("#arm", "#initialize"),
                ControlState.ARMED, Set.of("#stop", "#disarm", "#abort", "#initialize"),
                ControlState.RUNNING, Set.of("#stop", "#disarm", "#abort"),
                ControlState.FAULT, Set.of("#abort", "#initialize"));
        for (ControlState s : ControlState.values()) {
            robot.interact(() -> panel.setState(s));
            for (String b : BUTTONS) {
                assertEquals(allowed.get(s).contains(b), enabled(robot, b), b + " in " + s);
            }
            boolean editable = s == ControlState.OFF || s == ControlState.READY || s == ControlState.FAULT;
            for (String f : FIELDS) {
                assertEquals(editable, enabled(robot, f), f + " in " + s);
            }
            assertTrue(robot.lookup("#state-indicator").queryAs(Label.class).getText().startsWith(s.name()));
        }
    }

    @Test
    void whileASeriesIsFollowedStartNeedsItAndAbortIsAlwaysThere(FxRobot robot) {
        Map<ControlState, Set<String>> allowed = Map.of(
                ControlState.UNKNOWN, Set.of("#abort", "#initialize"),
                ControlState.OFF, Set.of("#abort", "#initialize"),
                ControlState.READY, Set.of("#abort", "#initialize"),
                ControlState.ARMED, Set.of("#start", "#stop", "#disarm", "#abort", "#initialize"),
                ControlState.RUNNING, Set.of("#stop", "#disarm", "#abort"),
                ControlState.FAULT, Set.of("#abort", "#initialize"));
        robot.interact(() -> panel.setSeriesOpen(true));
        for (ControlState s : ControlState.values()) {
            robot.interact(() -> panel.setState(s));
            for (String b : BUTTONS) {
                assertEquals(allowed.get(s).contains(b), enabled(robot, b), b + " in " + s + " with a series open");
            }
        }
    }

    @Test
    void onlyTheDetectorsCommandsHaveButtonsAndEveryStateKeepsAWayOut(FxRobot robot) {
        robot.interact(() -> panel.setCommands(EnumSet.of(ControlCommand.STOP, ControlCommand.ABORT)));
        assertTrue(robot.lookup("#stop").query().isVisible());
        assertFalse(robot.lookup("#disarm").query().isVisible(), "no Disarm button for a detector without it");
        assertFalse(robot.lookup("#initialize").query().isVisible(), "no Initialize button for a detector without it");
        robot.interact(() -> panel.setCommands(EnumSet.allOf(ControlCommand.class)));
        for (boolean open : new boolean[] {false, true}) {
            for (ControlState s : ControlState.values()) {
                robot.interact(() -> {
                    panel.setSeriesOpen(open);
                    panel.setState(s);
                });
                assertTrue(BUTTONS.stream().anyMatch(b -> robot.lookup(b).query().isVisible() && enabled(robot, b)),
                        "some button gets the user out of " + s + (open ? " with a series open" : ""));
            }
        }
    }

    @Test
    void stateIndicatorColourDiffersPerState(FxRobot robot) {
        java.util.Set<javafx.scene.paint.Paint> colours = new java.util.HashSet<>();
        Label indicator = robot.lookup("#state-indicator").queryAs(Label.class);
        for (ControlState s : ControlState.values()) {
            robot.interact(() -> {
                panel.setState(s);
                indicator.applyCss(); // the colour comes from the widgets' stylesheet
            });
            colours.add(indicator.getBackground().getFills().get(0).getFill());
        }
        assertEquals(ControlState.values().length, colours.size(), "colours " + colours);
    }

    @Test
    void viewOnlyDisablesEveryControlInEveryState(FxRobot robot) {
        robot.interact(() -> panel.setViewOnly(true));
        for (ControlState s : ControlState.values()) {
            robot.interact(() -> panel.setState(s));
            for (String id : concat(BUTTONS, FIELDS)) {
                assertFalse(enabled(robot, id), id + " must be disabled in view-only mode, state " + s);
            }
        }
        robot.interact(() -> {
            panel.setViewOnly(false);
            panel.setState(ControlState.READY);
        });
        assertTrue(enabled(robot, "#arm"));
    }

    @Test
    void clickingButtonsCallsTheApplicationsHandlersWithTheEnteredSettings(FxRobot robot) {
        robot.interact(() -> panel.setState(ControlState.READY));
        robot.doubleClickOn("#exposure").eraseText(8).write("0.5");
        robot.doubleClickOn("#period").eraseText(8).write("1");
        robot.doubleClickOn("#images").eraseText(8).write("20");
        robot.doubleClickOn("#triggers").eraseText(8).write("3");
        robot.clickOn("#file-name").write("sample_a");
        robot.interact(() -> panel.triggerModeProperty().set("exts"));
        robot.clickOn("#arm");
        assertEquals(List.of("arm"), actions);
        assertEquals(new AcquisitionSettings(0.5, 1.0, 20, 3, "exts", "sample_a"), panel.getSettings());
        assertEquals(60, panel.getSettings().expectedFrames());

        robot.interact(() -> {
            panel.setSeriesOpen(true);
            panel.setState(ControlState.ARMED);
        });
        robot.clickOn("#start");
        robot.interact(() -> panel.setState(ControlState.RUNNING));
        robot.clickOn("#stop");
        robot.clickOn("#disarm");
        robot.clickOn("#abort");
        robot.interact(() -> {
            panel.setSeriesOpen(false);
            panel.setState(ControlState.FAULT);
        });
        robot.clickOn("#initialize");
        assertEquals(List.of("arm", "start", "stop", "disarm", "abort", "initialize"), actions);
    }

    @Test
    void badValuesAreShownAndBlockArm(FxRobot robot) {
        robot.interact(() -> panel.setState(ControlState.READY));
        robot.doubleClickOn("#exposure").eraseText(8).write("abc");
        assertFalse(panel.settingsValidProperty().get());
        assertFalse(enabled(robot, "#arm"));
        assertTrue(robot.lookup("#validation").queryAs(Label.class).getText().contains("Exposure"));
        assertEquals(0.1, panel.exposureProperty().get(), "the last good value is kept");

        robot.doubleClickOn("#exposure").eraseText(8).write("2");
        assertTrue(robot.lookup("#validation").queryAs(Label.class).getText().contains("Period must be at least"));
        assertFalse(enabled(robot, "#arm"));

        robot.doubleClickOn("#period").eraseText(8).write("2");
        assertTrue(panel.settingsValidProperty().get());
        assertTrue(enabled(robot, "#arm"));
    }

    /** Whether the field is marked bad now: ControlsFX's error class, drawn with a red outline by the stylesheet. */
    private static boolean markedBad(FxRobot robot, String id) {
        javafx.scene.control.TextField field = robot.lookup(id).queryAs(javafx.scene.control.TextField.class);
        robot.interact(field::applyCss);
        javafx.scene.layout.Border border = field.getBorder();
        boolean red = border != null && border.getStrokes().stream()
                .anyMatch(s -> javafx.scene.paint.Color.web("#c62828").equals(s.getTopStroke()));
        assertEquals(field.getStyleClass().contains("field-error"), red, id + ": the error class and the outline agree");
        return red;
    }

    @Test
    void aBadValueIsMarkedAtItsFieldAndDisablesArmUntilItIsGood(FxRobot robot) {
        robot.interact(() -> panel.setState(ControlState.READY));
        assertTrue(enabled(robot, "#arm"));
        for (String[] bad : new String[][] {{"#exposure", "0", "Exposure"}, {"#images", "0", "Images"},
                {"#triggers", "1.5", "Triggers"}, {"#period", "-1", "Period"}}) {
            String id = bad[0];
            String good = robot.lookup(id).queryAs(javafx.scene.control.TextField.class).getText();
            robot.doubleClickOn(id).eraseText(8).write(bad[1]);
            assertTrue(markedBad(robot, id), id + " marked for " + bad[1]);
            assertFalse(enabled(robot, "#arm"), "Arm disabled by " + id + " = " + bad[1]);
            assertTrue(robot.lookup("#validation").queryAs(Label.class).getText().startsWith(bad[2]),
                    robot.lookup("#validation").queryAs(Label.class).getText());
            robot.doubleClickOn(id).eraseText(8).write(good);
            assertFalse(markedBad(robot, id), id + " good again");
            assertTrue(enabled(robot, "#arm"), "Arm enabled again after " + id);
        }

        robot.clickOn("#file-name").write("../elsewhere");
        assertTrue(markedBad(robot, "#file-name"));
        assertFalse(enabled(robot, "#arm"));
        assertTrue(robot.lookup("#validation").queryAs(Label.class).getText().contains("File name"));
        robot.interact(() -> panel.fileNameProperty().set("sample_b"));
        assertFalse(markedBad(robot, "#file-name"));
        assertTrue(enabled(robot, "#arm"));
        assertEquals("", robot.lookup("#validation").queryAs(Label.class).getText());
    }

    @Test
    void fileNamesThatLeaveTheDataDirectoryAreRefused() {
        for (String ok : new String[] {"", "sample_a", "run 7", "day1/sample_a"}) {
            assertTrue(DetectorControlPanel.legalFileName(ok), ok);
        }
        for (String bad : new String[] {"/data/x", "..", "../x", "a/../../b", "a\\..\\b", "C:\\x", "a\u0000b"}) {
            assertFalse(DetectorControlPanel.legalFileName(bad), bad);
        }
    }

    @Test
    void progressAndErrorAreShownInline(FxRobot robot) {
        robot.interact(() -> {
            panel.setState(ControlState.RUNNING);
            panel.setProgress(new AcquisitionProgress(1000, 250, -1, 50, "running", null, 5000));
        });
        assertEquals("250 / 1000 frames   50.0 fps   0:15 left", robot.lookup("#progress-text").queryAs(Label.class).getText());
        assertEquals(0.25, robot.lookup("#progress").queryAs(ProgressBar.class).getProgress(), 1e-9);

        Label error = robot.lookup("#error").queryAs(Label.class);
        assertFalse(error.isVisible());
        robot.interact(() -> {
            panel.setState(ControlState.FAULT);
            panel.setError("detector did not answer within 5 s");
        });
        assertTrue(error.isVisible());
        assertEquals("detector did not answer within 5 s", error.getText());
        robot.interact(() -> panel.setError(""));
        assertFalse(error.isVisible());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
