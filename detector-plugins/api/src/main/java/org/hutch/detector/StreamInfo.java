package org.hutch.detector;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a detector streams its frames, so a receiver can connect a PULL socket to it.
 *
 * @param endpoint ZeroMQ endpoint the detector's PUSH socket is bound to, for example {@code tcp://127.0.0.1:9999}
 * @param format   the wire format on that endpoint
 */
public record StreamInfo(String endpoint, Format format) {
    public StreamInfo {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(format, "format");
    }

    /**
     * Wire formats; the constant names match {@code org.hutch.stream.StreamFormat}
     * ({@code StreamFormat.valueOf(info.format().name())}).
     */
    public enum Format {
        /** MAX IV STINS: JSON header part + blob */
        STINS("stins"),
        /** DECTRIS Stream V1 ("legacy", dheader-1.0 / dimage-1.0 / dseries_end-1.0) */
        DECTRIS_V1("stream1"),
        /** DECTRIS Stream V2 (CBOR) */
        DECTRIS_V2("stream2");

        private final String cliName;

        Format(String cliName) {
            this.cliName = cliName;
        }

        /** The name used on the command line and in options: {@code stins}, {@code stream1}, {@code stream2}. */
        public String cliName() {
            return cliName;
        }

        /**
         * Parses {@code stins}, {@code stream1}/{@code legacy}/{@code dectris_v1}, {@code stream2}/{@code cbor}/{@code dectris_v2}.
         *
         * @throws IllegalArgumentException naming the unknown format
         */
        public static Format fromName(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "stins": return STINS;
                case "stream1": case "legacy": case "dectris_v1": return DECTRIS_V1;
                case "stream2": case "cbor": case "dectris_v2": return DECTRIS_V2;
                default:
                    throw new IllegalArgumentException("unknown stream format '" + name + "' (expected stins, stream1 or stream2)");
            }
        }

        @Override
        public String toString() {
            return cliName;
        }
    }
}
