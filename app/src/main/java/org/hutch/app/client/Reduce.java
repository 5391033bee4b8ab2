package org.hutch.app.client;

import java.util.Locale;

/** How a block of f x f pixels becomes one when downsampling. */
public enum Reduce {
    /** keeps Bragg peaks and hot pixels visible: the default for live view */
    MAX,
    MEAN,
    SUM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
