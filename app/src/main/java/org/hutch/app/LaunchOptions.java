package org.hutch.app;

import java.nio.file.Path;

/**
 * What the command line asked the window for. JavaFX creates the Application itself, so the
 * command hands these over through {@link #set}/{@link #get} before {@code Application.launch}.
 *
 * @param receiverUrl   a receiver to watch (cluster mode), or {@code null} for the embedded one (lab mode)
 * @param detectorSpec  {@code ID[:k=v,...]}, or {@code null} for the simulator in lab mode / none in cluster mode
 * @param viewOnly      no control may change detector or receiver state
 * @param dataDir       data folder of the embedded receiver, or {@code null} for the remembered / default one
 * @param settingsFile  settings file, or {@code null} for the user's config folder
 * @param autoAcquire   frames to acquire right after start-up (0 = none); for demos and screenshots
 * @param moreDetectors further detectors (lab mode), each in its own tab with its own embedded receiver
 */
public record LaunchOptions(String receiverUrl, String detectorSpec, boolean viewOnly, Path dataDir,
                            Path settingsFile, int autoAcquire, java.util.List<String> moreDetectors) {

    public static final LaunchOptions LAB = new LaunchOptions(null, null, false, null, null, 0);

    public LaunchOptions {
        moreDetectors = moreDetectors == null ? java.util.List.of() : java.util.List.copyOf(moreDetectors);
    }

    /** One detector (or none). */
    public LaunchOptions(String receiverUrl, String detectorSpec, boolean viewOnly, Path dataDir, Path settingsFile,
                         int autoAcquire) {
        this(receiverUrl, detectorSpec, viewOnly, dataDir, settingsFile, autoAcquire, java.util.List.of());
    }

    private static volatile LaunchOptions current = LAB;

    public static void set(LaunchOptions options) {
        current = options;
    }

    public static LaunchOptions get() {
        return current;
    }

    public boolean labMode() {
        return receiverUrl == null;
    }
}
