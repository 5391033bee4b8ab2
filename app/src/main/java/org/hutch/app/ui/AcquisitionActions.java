package org.hutch.app.ui;

import org.hutch.detector.AcquisitionSettings;

/** What the detector form's buttons do (called on the FX thread; implementations hand off at once). */
public interface AcquisitionActions {
    void arm(AcquisitionSettings settings);

    void start();

    void stop();

    void abort();
}
