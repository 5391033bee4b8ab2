package org.hutch.widgets.control;

/**
 * The acquisition settings as entered in the {@link DetectorControlPanel}.
 *
 * @param exposure    exposure time per image, seconds
 * @param period      frame period, seconds (at least the exposure)
 * @param images      images per trigger
 * @param triggers    number of triggers
 * @param triggerMode one of the choices the application supplied, or null when none
 * @param fileName    file name (prefix) for the data, may be empty
 */
public record AcquisitionSettings(double exposure, double period, long images, long triggers, String triggerMode,
                                  String fileName) {

    /** Frames expected for the whole series. */
    public long expectedFrames() {
        return images * triggers;
    }
}
