package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.hutch.testkit.MessageMutator;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzz of the three decoders, seeded from the real captures (Stream V1, V2) and from those
 * frames re-encoded as STINS: a few thousand mutations with a fixed seed. A decoder may only return a
 * message or throw {@link StreamFormatException}; a frame it returns must decode to its shape (what the
 * receiver keeps is readable).
 */
class DecoderFuzzTest {
    private static final int MUTATIONS = 2000;
    private static final long SEED = 20261203L;
    /** frames larger than this are not decoded here (their size is the receiver's to bound) */
    private static final long DECODE_LIMIT = 64L << 20;

    @Test
    void mutatedMessagesAreDecodedOrRefusedWithAReason() throws Exception {
        List<List<byte[]>> seeds = new ArrayList<>(Captures.messages(Captures.V1));
        seeds.addAll(Captures.messages(Captures.V2));
        StreamDecoder v1 = StreamDecoders.forFormat(StreamFormat.DECTRIS_V1);
        StinsEncoder stins = new StinsEncoder();
        for (List<byte[]> m : Captures.messages(Captures.V1)) {
            seeds.add(stins.encode(v1.decode(m)));
        }
        MessageMutator mutator = new MessageMutator(SEED);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            List<byte[]> parts = mutator.mutate(seeds.get(i % seeds.size()));
            // a fresh decoder per format each time (they keep per-series state), and the auto-detecting one
            for (StreamDecoder d : List.of(StreamDecoders.autoDetecting(),
                    StreamDecoders.forFormat(StreamFormat.values()[i % StreamFormat.values().length]))) {
                StreamMessage msg;
                try {
                    msg = d.decode(parts);
                } catch (StreamFormatException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
                    refused++;
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("mutation " + i + " of seed " + (i % seeds.size()) + ": " + e, e);
                }
                accepted++;
                if (msg instanceof Frame f && f.rawBytes() <= DECODE_LIMIT) {
                    try {
                        FramePixels.decode(f);
                    } catch (StreamFormatException e) {
                        if (f.compression() == Compression.BSLZ4) {
                            fail("mutation " + i + ": a bslz4 frame the decoder accepted does not decode: " + e.getMessage());
                        }
                    } catch (RuntimeException | Error e) {
                        throw new AssertionError("mutation " + i + ": decoding the accepted frame: " + e, e);
                    }
                }
            }
        }
        assertTrue(accepted > 0 && refused > 0, "the mutations both pass and fail: " + accepted + " / " + refused);
    }
}
