package org.hutch.widgets.image;

/** How a block of image pixels becomes one screen pixel when the image is larger than the screen. */
public enum Reduction {
    /** Maximum of the block: single hot pixels (Bragg peaks) stay visible. */
    MAX,
    /** Mean of the block's valid pixels. */
    MEAN;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
