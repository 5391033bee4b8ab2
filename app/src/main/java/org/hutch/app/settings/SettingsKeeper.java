package org.hutch.app.settings;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.hutch.model.concurrent.NamedThreadFactory;

/**
 * The app's current settings, shared by the window and its workspaces, and their writing. Changes
 * swap in a new immutable snapshot (any thread); {@link #save} writes on the thread
 * {@value #THREAD}, never the caller's (the FX thread must not do file I/O). Writes coalesce: while
 * one is waiting, newer snapshots replace it, so a burst of changes costs one or two writes and the
 * newest one is what ends on disk.
 */
public final class SettingsKeeper {
    public static final String THREAD = "hutch-settings-writer";

    private final AtomicReference<AppSettings> current;
    private final AtomicReference<AppSettings> unwritten = new AtomicReference<>();
    private final Predicate<AppSettings> write;
    /** one thread at most, in order; it ends when idle, so a closed window leaves no thread behind */
    private final ExecutorService writer = new ThreadPoolExecutor(0, 1, 2, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> NamedThreadFactory.thread(THREAD, r));

    public SettingsKeeper(SettingsStore store, AppSettings initial) {
        this(initial, store::save);
    }

    /** @param write writes a snapshot, true when it is on disk (a test watches it) */
    SettingsKeeper(AppSettings initial, Predicate<AppSettings> write) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.write = Objects.requireNonNull(write, "write");
    }

    /** The newest snapshot. */
    public AppSettings get() {
        return current.get();
    }

    /** Changes the settings in memory (any thread); {@link #save} writes them. */
    public AppSettings update(UnaryOperator<AppSettings> change) {
        return current.updateAndGet(change);
    }

    /** Changes the settings and saves them. */
    public CompletableFuture<Void> updateAndSave(UnaryOperator<AppSettings> change) {
        update(change);
        return save();
    }

    /**
     * Writes the newest snapshot on the writer thread. The future completes once a snapshot at least
     * as new as this one is on disk (or its write failed, which is logged: losing settings must not
     * lose an acquisition).
     */
    public CompletableFuture<Void> save() {
        if (unwritten.getAndSet(current.get()) == null) {
            writer.execute(this::writeNewest);
        }
        // the writer runs its tasks in order: this one runs after the write that takes our snapshot
        return CompletableFuture.runAsync(() -> { }, writer);
    }

    private void writeNewest() {
        AppSettings s = unwritten.getAndSet(null);
        if (s != null) {
            write.test(s);
        }
    }
}
