package org.hutch.widgets.control;

/**
 * Detector state as the control panel shows it. It mirrors the detector SPI's states; the
 * application maps its detector state onto this enum, so the widgets need no detector module.
 */
public enum ControlState {
    /** Not known yet (not connected, or no answer). */
    UNKNOWN,
    /** Connected but not initialised / powered. */
    OFF,
    /** Idle and ready to be armed; settings may be changed. */
    READY,
    /** Armed, waiting for Start (internal trigger) or external triggers. */
    ARMED,
    /** Acquiring. */
    RUNNING,
    /** Error; the reason is shown inline. */
    FAULT
}
