package org.hutch.app.client;

/**
 * A receiver's status, whichever API it came from. Fields the MAX IV API does not have are
 * {@code null} (objects) or -1 (numbers).
 *
 * @param state      idle, running or error
 * @param error      the receiver's error text, or {@code null}
 * @param seriesId   current series id, or -1
 * @param filename   file of the current series, or {@code null}
 * @param expected   frames announced for the series, or {@code null} if unknown
 * @param received   frames received in the current series
 * @param written    frames on disk in the current series, or -1 if the receiver does not say
 * @param lost       frames known missing, or -1
 * @param fps        receive rate, or -1
 * @param bytesPerS  receive rate in bytes/s, or -1
 * @param queueFrames frames waiting to be written, or -1
 * @param version    receiver version, or {@code null}
 * @param layer      the API the status came from
 */
public record ReceiverStatus(String state, String error, long seriesId, String filename, Long expected,
                             long received, long written, long lost, double fps, double bytesPerS,
                             long queueFrames, String version, ApiLayer layer) {

    public boolean isError() {
        return "error".equalsIgnoreCase(state);
    }

    public boolean isRunning() {
        return "running".equalsIgnoreCase(state);
    }

    public boolean isIdle() {
        return "idle".equalsIgnoreCase(state);
    }
}
