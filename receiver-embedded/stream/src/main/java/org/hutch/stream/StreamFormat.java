package org.hutch.stream;

/** The wire formats a receiver can read (see shared spec/protocols.md). */
public enum StreamFormat {
    /** MAX IV "stream1" (STINS): JSON header part + blob */
    STINS,
    /** DECTRIS Stream V1 ("legacy"): dheader-1.0 / dimage-1.0 / dseries_end-1.0 */
    DECTRIS_V1,
    /** DECTRIS Stream V2: CBOR start / image / end */
    DECTRIS_V2
}
