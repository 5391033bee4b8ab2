package org.hutch.app.files;

import java.util.concurrent.atomic.AtomicReference;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.Curve;

/**
 * Where the image, histogram, readout and 1D plot take their data from: the live session, or a file
 * being browsed. One switch feeds the same widgets: live polling goes on (status, progress), but its
 * frames and curves do not replace a file's frame while the user browses; the newest of them is kept,
 * so going back to live shows it at once. Any thread.
 */
public final class ViewSource {
    private final AtomicReference<FrameFile> file = new AtomicReference<>();
    private final AtomicReference<ImageFrame> liveFrame = new AtomicReference<>();
    private final AtomicReference<Curve> liveCurve = new AtomicReference<>();

    /** True when live frames and curves are shown. */
    public boolean live() {
        return file.get() == null;
    }

    /** The file shown, or {@code null} when live. */
    public FrameFile file() {
        return file.get();
    }

    /** Shows {@code f} instead of live data ({@code null} = back to live). */
    public void show(FrameFile f) {
        file.set(f);
    }

    /** A live frame arrived: kept as the newest; true when it is to be shown now. */
    public boolean liveFrame(ImageFrame f) {
        liveFrame.set(f);
        return live();
    }

    /** A live curve arrived: kept as the newest; true when it is to be shown now. */
    public boolean liveCurve(Curve c) {
        liveCurve.set(c);
        return live();
    }

    public ImageFrame lastLiveFrame() {
        return liveFrame.get();
    }

    public Curve lastLiveCurve() {
        return liveCurve.get();
    }
}
