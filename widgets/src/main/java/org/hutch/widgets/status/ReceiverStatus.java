package org.hutch.widgets.status;

/**
 * What the receiver reported at one poll, as the {@link ReceiverStatusView} shows it. The
 * application fills it from whichever receiver API it talks to.
 *
 * @param state         receiver state, e.g. "idle", "receiving", "error"
 * @param series        current or last series id/name, may be empty
 * @param received      frames received in the series
 * @param written       frames written to file
 * @param lost          frames lost (counted errors)
 * @param receiveRate   frames per second received recently (NaN when unknown)
 * @param writeRate     frames per second written recently (NaN when unknown)
 * @param queued        frames waiting in the receiver's queue
 * @param queueCapacity capacity of that queue (0 when unknown)
 * @param file          file being written, may be empty
 * @param message       the receiver's error or status message, may be empty
 */
public record ReceiverStatus(String state, String series, long received, long written, long lost,
                             double receiveRate, double writeRate, long queued, long queueCapacity,
                             String file, String message) {

    public ReceiverStatus {
        state = state == null ? "unknown" : state;
        series = series == null ? "" : series;
        file = file == null ? "" : file;
        message = message == null ? "" : message;
    }
}
