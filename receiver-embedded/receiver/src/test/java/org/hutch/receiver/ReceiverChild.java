package org.hutch.receiver;

import java.nio.file.Path;

/**
 * A receiver in a process of its own, for tests that kill it: {@code ReceiverChild <endpoint> <data dir>}
 * prints {@code API <uri>} once it listens and runs until it is killed.
 */
public final class ReceiverChild {
    private ReceiverChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(args[0])
                .dataDir(Path.of(args[1])).build());
        System.out.println("API " + rx.apiUri());
        System.out.flush();
        Thread.currentThread().join();
    }
}
