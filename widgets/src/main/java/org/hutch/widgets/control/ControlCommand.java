package org.hutch.widgets.control;

/**
 * The commands beyond Arm and Start a detector may have; the panel shows a button only for those the application
 * says the detector has (it maps its detector's commands onto this enum, so the widgets need no detector module).
 */
public enum ControlCommand {
    /** end the series early but cleanly */
    STOP,
    /** drop the series at once */
    ABORT,
    /** end an armed series that waits for triggers */
    DISARM,
    /** bring an uninitialised or stuck detector back */
    INITIALIZE
}
