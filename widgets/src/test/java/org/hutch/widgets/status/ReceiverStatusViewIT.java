package org.hutch.widgets.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.model.receiver.ReceiverStatus.Series;
import org.hutch.model.receiver.ReceiverStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ReceiverStatusViewIT {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T12:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();
    private ReceiverStatusView view;

    @Start
    void start(Stage stage) {
        view = new ReceiverStatusView(clock);
        stage.setScene(new Scene(view, 420, 320));
        stage.show();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static final javafx.scene.paint.Color ALERT_RED = javafx.scene.paint.Color.web("#c62828");

    /** The text colour the stylesheet gives a label now. */
    private static javafx.scene.paint.Paint textFill(FxRobot robot, String id) {
        Label label = robot.lookup(id).queryAs(Label.class);
        robot.interact(label::applyCss);
        return label.getTextFill();
    }

    @Test
    void showsTheReportedCountersRatesQueueAndFile(FxRobot robot) {
        ReceiverStatus s = new ReceiverStatus(State.RUNNING, null, null,
                new Series(42, "/data/sample_a_000042.h5", 1500L, 1200, 1180, 3, null), 99.5, 98.25, Double.NaN, 950, -1,
                1000, 3, 0, -1, -1, -1, null);
        robot.interact(() -> view.setStatus(s, clock.now));
        assertEquals("running", text(robot, "#receiver-state"));
        assertEquals("42 (1500 frames)", text(robot, "#receiver-series"));
        assertEquals("1200", text(robot, "#receiver-received"));
        assertEquals("1180", text(robot, "#receiver-written"));
        assertEquals("3", text(robot, "#receiver-lost"));
        assertEquals("99.5 fps received, 98.3 fps written", text(robot, "#receiver-rates"));
        assertEquals("950 / 1000 (95 %)", text(robot, "#receiver-queue"));
        assertEquals("/data/sample_a_000042.h5", text(robot, "#receiver-file"));
        assertEquals(ALERT_RED, textFill(robot, "#receiver-lost"), "lost frames are highlighted");
        assertEquals(ALERT_RED, textFill(robot, "#receiver-queue"), "a nearly full queue is highlighted");
        assertNotEquals(ALERT_RED, textFill(robot, "#receiver-written"));
        assertEquals("0.0 s ago", text(robot, "#poll-age"));
    }

    @Test
    void anErrorIsHighlightedAndCountsTheReceiverDoesNotReportShowAsUnknown(FxRobot robot) {
        // what a MAX IV receiver tells: state, error and received frames only
        ReceiverStatus s = new ReceiverStatus(State.ERROR, "disk full", null, new Series(-1, null, null, 7, -1, -1, null),
                Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, -1, -1, -1, -1, -1, null);
        robot.interact(() -> view.setStatus(s, clock.now));
        assertEquals("error", text(robot, "#receiver-state"));
        assertEquals(ALERT_RED, textFill(robot, "#receiver-state"), "an error state is highlighted");
        assertEquals("disk full", text(robot, "#receiver-message"));
        assertEquals("\u2013", text(robot, "#receiver-series"));
        assertEquals("7", text(robot, "#receiver-received"));
        assertEquals("\u2013", text(robot, "#receiver-written"), "not reported: unknown, not 0");
        assertEquals("\u2013", text(robot, "#receiver-lost"));
        assertEquals("\u2013", text(robot, "#receiver-queue"));
        assertEquals("\u2013", text(robot, "#receiver-file"));
        assertEquals("\u2013 fps received", text(robot, "#receiver-rates"));
    }

    @Test
    void pollAgeTicksOnItsOwnAndTurnsStale(FxRobot robot) throws Exception {
        ReceiverStatus s = new ReceiverStatus(State.IDLE, null, null, null, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0,
                0, 0, 0, 0, 0, null);
        robot.interact(() -> view.setStatus(s, clock.now));
        assertEquals("0.0 s ago", text(robot, "#poll-age"));
        assertNotEquals(ALERT_RED, textFill(robot, "#poll-age"));
        assertEquals("\u2013 fps received", text(robot, "#receiver-rates"), "an unknown write rate is left out");

        clock.now = clock.now.plusMillis(1500); // no call into the view: its own timer must notice
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "1.5 s ago".equals(text(robot, "#poll-age")));

        clock.now = clock.now.plusSeconds(4);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "5.5 s ago".equals(text(robot, "#poll-age")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ALERT_RED.equals(textFill(robot, "#poll-age"))); // stale poll highlighted
    }

    @Test
    void aFailedPollKeepsTheLastStatusAndSaysWhy(FxRobot robot) {
        ReceiverStatus s = new ReceiverStatus(State.RUNNING, null, null, new Series(1, "f.h5", null, 10, 10, 0, null),
                5, 5, Double.NaN, 0, 0, 100, 0, 0, -1, -1, -1, null);
        robot.interact(() -> view.setStatus(s, clock.now));
        clock.now = clock.now.plusSeconds(2);
        robot.interact(() -> view.setPollFailed("connection refused"));
        assertEquals("2.0 s ago (connection refused)", text(robot, "#poll-age"));
        assertEquals("10", text(robot, "#receiver-received"));
        assertEquals(s, view.statusProperty().get());

        robot.interact(() -> view.setStatus(s, clock.now));
        assertEquals("0.0 s ago", text(robot, "#poll-age"));
    }
}
