package org.hutch.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class FxHandoffIT {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void manyOffersWhileTheFxThreadIsBusyGiveOneDeliveryOfTheLastValue() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        FxHandoff<Integer> handoff = new FxHandoff<>(v -> {
            received.add(v);
            onFxThread.add(Platform.isFxApplicationThread());
        });
        CountDownLatch fxBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxBlocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(fxBlocked.await(10, TimeUnit.SECONDS));
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= 10_000; i++) {
                handoff.offer(i);
            }
        }, "test-producer");
        producer.start();
        producer.join(10_000);
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(10_000, handoff.offeredCount());
        assertEquals(1, handoff.scheduledCount(), "one runLater while the FX thread was busy");
        assertEquals(List.of(10_000), received, "only the newest value is delivered");
        assertEquals(List.of(true), onFxThread);
    }

    @Test
    void concurrentProducersNeverStrandTheLastValue() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        FxHandoff<Integer> handoff = new FxHandoff<>(received::add);
        Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++) {
            int base = p * 1_000_000;
            producers[p] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    handoff.offer(base + i);
                }
            }, "test-producer-" + p);
            producers[p].start();
        }
        for (Thread t : producers) {
            t.join(10_000);
        }
        handoff.offer(-1); // a final value after all others
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(40_001, handoff.offeredCount());
        assertTrue(handoff.scheduledCount() < handoff.offeredCount(), "coalesced: " + handoff.scheduledCount());
        assertEquals(-1, received.get(received.size() - 1), "the last value offered is the last delivered");
        assertEquals(handoff.deliveredCount(), received.size());
    }

    @Test
    void aRateCapDeliversFewerValuesAndStillTheLast() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        FxHandoff<Integer> handoff = new FxHandoff<>(received::add, java.time.Duration.ofMillis(100));
        for (int i = 1; i <= 300; i++) {
            handoff.offer(i);
            Thread.sleep(1); // offers spread over at least 0.3 s: several periods
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !received.isEmpty() && received.get(received.size() - 1) == 300);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(300, received.get(received.size() - 1), "the last value offered is delivered after the period");
        assertEquals(handoff.deliveredCount(), received.size());
        assertTrue(received.size() >= 2, "delivered during the offers too: " + received);
        // 300 offers, one every millisecond or more: an uncapped hand-off on an idle FX thread
        // delivers most of them; the cap lets through one per period
        assertTrue(received.size() <= 300 / 20, "capped: " + received.size() + " deliveries " + received);
        for (int k = 1; k < received.size(); k++) {
            assertTrue(received.get(k) > received.get(k - 1), "in order: " + received);
        }
    }

    @Test
    void fxThreadCheckNamesTheMethod() throws Exception {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> FxThread.check("Widget.mutate"));
        assertTrue(e.getMessage().contains("Widget.mutate") && e.getMessage().contains(Thread.currentThread().getName()),
                e.getMessage());
        java.util.concurrent.CompletableFuture<Boolean> onFx = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                FxThread.check("Widget.mutate");
                onFx.complete(true);
            } catch (RuntimeException ex) {
                onFx.completeExceptionally(ex);
            }
        });
        assertTrue(onFx.get(10, TimeUnit.SECONDS), "passes on the FX thread");
    }
}
