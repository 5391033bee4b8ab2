package org.hutch.detector.tango;

import fr.esrf.Tango.DevState;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.TriggerMode;

/** Translates the Tango State and Status of a MAX IV standard detector device into a {@link DetectorStatus}. */
final class StateMapping {

    private StateMapping() {
    }

    /**
     * ON/STANDBY: READY. RUNNING/MOVING: the MAX IV device goes RUNNING at Arm and stays there until every frame
     * of the series is captured, so it means "armed or acquiring": RUNNING when the series runs by itself
     * ({@link TriggerMode#INTERNAL}), ARMED when it waits for triggers. FAULT/ALARM: FAULT with the Status text.
     * OFF/DISABLE: OFF. UNKNOWN/INIT and anything else: UNKNOWN.
     */
    static DetectorStatus map(DevState tango, String statusText, TriggerMode mode) {
        String tangoName = tango.toString();
        String status = statusText == null ? "" : statusText.trim();
        switch (tango.value()) {
            case DevState._ON:
            case DevState._STANDBY:
                return DetectorStatus.of(DetectorState.READY, "ready (Tango " + tangoName + ")");
            case DevState._RUNNING:
            case DevState._MOVING:
                return mode == TriggerMode.INTERNAL
                        ? DetectorStatus.of(DetectorState.RUNNING, "acquiring (Tango " + tangoName + ")")
                        : DetectorStatus.of(DetectorState.ARMED, "armed or acquiring, waiting for "
                                + mode.label() + " (Tango " + tangoName + ")");
            case DevState._FAULT:
            case DevState._ALARM:
                return DetectorStatus.of(DetectorState.FAULT, status.isEmpty() ? "Tango " + tangoName : status);
            case DevState._OFF:
            case DevState._DISABLE:
                return DetectorStatus.of(DetectorState.OFF, "Tango " + tangoName + (status.isEmpty() ? "" : ": " + status));
            default:
                return DetectorStatus.of(DetectorState.UNKNOWN, "Tango " + tangoName + (status.isEmpty() ? "" : ": " + status));
        }
    }
}
