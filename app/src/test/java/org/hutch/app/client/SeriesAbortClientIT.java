package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.hutch.app.testing.Waits;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/series/abort} from the app's client: a Hutch receiver answers, a MAX IV one has no such call. */
class SeriesAbortClientIT {

    @TempDir
    Path dir;

    @Test
    void aHutchReceiverWithNoSeriesOpenSaysSo() throws Exception {
        try (EmbeddedReceiver r = EmbeddedReceiver.start(ReceiverConfig.builder()
                .endpoint("tcp://127.0.0.1:" + Waits.freePort()).dataDir(dir).apiPort(0).build());
             ReceiverClient c = ReceiverClients.connect(r.apiUri().toString())) {
            assertEquals(SeriesAbortReply.nothingOpen(), c.abortSeries());
        }
    }

    @Test
    void aMaxIvReceiverCannotEndASeriesAndTheReplySaysWhy() throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient c = ReceiverClients.connect(server.url())) {
            SeriesAbortReply r = c.abortSeries();
            assertEquals(SeriesAbortReply.Outcome.NOT_SUPPORTED, r.outcome());
            assertTrue(r.detail().contains("series times out"), r.detail());
        }
    }
}
