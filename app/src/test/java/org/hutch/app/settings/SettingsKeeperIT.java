package org.hutch.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Settings are written on their own thread, never the FX thread, and a burst of changes ends with the newest on disk. */
class SettingsKeeperIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Where and what each write wrote; the first write can be held back to let a burst pile up. */
    private static final class WatchedStore {
        final SettingsStore store;
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        final List<Double> written = new CopyOnWriteArrayList<>();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release;

        WatchedStore(Path file, boolean holdFirstWrite) {
            store = new SettingsStore(file);
            release = new CountDownLatch(holdFirstWrite ? 1 : 0);
        }

        boolean write(AppSettings s) {
            threads.add(Thread.currentThread().getName());
            onFxThread.add(Platform.isFxApplicationThread());
            written.add(s.pollHz());
            firstWriteStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.save(s);
        }
    }

    @Test
    void aSaveFromTheFxThreadWritesOnTheWriterThread() throws Exception {
        WatchedStore w = new WatchedStore(dir.resolve("settings.json"), false);
        SettingsKeeper keeper = new SettingsKeeper(AppSettings.defaults(), w::write);
        WaitForAsyncUtils.asyncFx(() -> keeper.updateAndSave(s -> s.withPollHz(2.0))).get()
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(SettingsKeeper.THREAD), w.threads);
        assertFalse(w.onFxThread.get(0), "written on the FX thread");
        assertEquals(2.0, w.store.load().pollHz());
    }

    @Test
    void aBurstOfChangesEndsWithTheLastOnDiskInFewWrites() throws Exception {
        WatchedStore w = new WatchedStore(dir.resolve("settings.json"), true);
        SettingsKeeper keeper = new SettingsKeeper(AppSettings.defaults(), w::write);
        keeper.updateAndSave(s -> s.withPollHz(0));
        assertTrue(w.firstWriteStarted.await(10, TimeUnit.SECONDS), "first write never started");
        java.util.concurrent.CompletableFuture<Void> last = null;
        for (int i = 1; i <= 100; i++) {
            double hz = i;
            last = keeper.updateAndSave(s -> s.withPollHz(hz));
        }
        w.release.countDown();
        last.get(10, TimeUnit.SECONDS);
        assertEquals(100.0, w.store.load().pollHz(), "the newest snapshot wins");
        assertEquals(List.of(0.0, 100.0), w.written, "the burst behind a running write coalesces into one write");
    }
}
