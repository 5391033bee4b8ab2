package org.hutch.stream;

/**
 * Who owns the memory under a {@link Frame}'s blob when that memory is pooled and reused: every
 * holder that keeps the frame past the call that handed it over takes a {@link #retain()} and gives
 * it back with exactly one {@link #release()}; the memory is reused only after the last release.
 * Blobs on the Java heap have {@link #NONE}: the garbage collector owns them.
 */
public interface BlobOwner {
    /** Heap memory: retain and release do nothing. */
    BlobOwner NONE = new BlobOwner() {
        @Override
        public void retain() {
        }

        @Override
        public void release() {
        }

        @Override
        public String toString() {
            return "BlobOwner.NONE";
        }
    };

    /** One more holder keeps the blob. */
    void retain();

    /** One holder is done with the blob; after the last one the memory may be reused. */
    void release();
}
