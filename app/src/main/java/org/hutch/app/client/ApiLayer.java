package org.hutch.app.client;

/** Which HTTP API a receiver speaks (spec/receiver-api.md). */
public enum ApiLayer {
    /** Hutch's {@code /api/v1}: raw frames with ETag, server-side downsampling, azint. */
    HUTCH_V1("Hutch /api/v1"),
    /** MAX IV streaming-receiver: {@code /status}, {@code /received_frames}, {@code /last_frame} pickle. */
    MAXIV("MAX IV streaming-receiver");

    private final String label;

    ApiLayer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
