package org.hutch.app.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Bounded waiting for conditions that other threads make true (Awaitility, with the app's failure messages). */
public final class Waits {
    private Waits() {
    }

    public static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        try {
            await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + limit.toSeconds() + " s: " + whatWeWaitedFor.get(), e);
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
