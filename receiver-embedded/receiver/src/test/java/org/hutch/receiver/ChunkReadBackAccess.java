package org.hutch.receiver;

import java.nio.file.Path;
import java.util.List;
import org.hutch.model.pixels.PixelType;

/** Lets tests in sub-packages read files back with {@link ChunkReadBack}. */
public final class ChunkReadBackAccess {
    private ChunkReadBackAccess() {
    }

    public static List<String> hashes(Path file) throws Exception {
        return ChunkReadBack.frameHashes(file, ReceiverConfig.DEFAULT_DSET_NAME, PixelType.UINT16);
    }
}
