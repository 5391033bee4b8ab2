package org.hutch.receiver.collect;

import org.hutch.stream.Frame;

/**
 * What a frame may claim before the receiver keeps it: a frame number the file can hold, and a size
 * the receiver's memory can hold when the frame is decoded for a view or written raw.
 */
public final class FrameBounds {
    /**
     * frame numbers from 0 below this (10^7: hours at kHz rates); the file's sequence_number and its
     * index grow with the highest number, so a frame claiming 2^31 must not get there
     */
    public static final long MAX_FRAME_NUMBER = 10_000_000L;

    private final long maxFrameBytes;

    /** @param maxFrameBytes largest decompressed frame (shape x dtype) accepted */
    public FrameBounds(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public long maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Why the frame is refused, or null when it is within bounds.
     *
     * @param expected frames the series' header announced, or null
     */
    public String refusal(Frame f, Long expected) {
        if (f.frame() < 0 || f.frame() >= MAX_FRAME_NUMBER) {
            return "frame number " + f.frame() + " is out of range (0 to " + (MAX_FRAME_NUMBER - 1) + "): not written";
        }
        if (expected != null && expected > 0 && f.frame() >= expected) {
            return "frame number " + f.frame() + " is beyond the " + expected + " frames the header announced: "
                    + "not written";
        }
        if (f.rawBytes() > maxFrameBytes) {
            return "frame " + f.frame() + " claims " + f.rows() + "x" + f.cols() + " " + f.dtype().numpyName() + " = "
                    + f.rawBytes() + " bytes, more than the receiver's maximum frame of " + maxFrameBytes
                    + " bytes (its queue byte budget): refused";
        }
        return null;
    }
}
