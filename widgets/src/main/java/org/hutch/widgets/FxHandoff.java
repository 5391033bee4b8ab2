package org.hutch.widgets;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The coalescing hand-off from any thread to the JavaFX application thread.
 * <p>
 * <b>This is THE way to feed every Hutch widget from a background thread.</b> Pollers, decoders and
 * integrators call {@link #offer(Object)} from whatever thread they run on; the newest value is
 * swapped into an {@link AtomicReference}, and {@link Platform#runLater(Runnable)} is called only
 * if no delivery is already pending. The consumer then runs on the FX thread with the newest value
 * only. A slow screen therefore drops intermediate values instead of queueing them, and the FX
 * event queue never holds more than one delivery per hand-off.
 *
 * <pre>{@code
 * LiveImageView view = new LiveImageView();
 * FxHandoff<ImageFrame> toView = new FxHandoff<>(view::setFrame);   // consumer runs on the FX thread
 * // on the poller thread, as often as frames arrive:
 * toView.offer(frame);
 * }</pre>
 * Widgets whose setters do heavy work (for example {@code LiveImageView.setFrame}) do that work on
 * their own named executors and use a hand-off internally as well, so their setters may also be
 * called from any thread directly; the hand-off is still the documented, uniform way.
 *
 * @param <T> the type of value handed over; values must not be {@code null}
 */
public final class FxHandoff<T> {

    private final Consumer<? super T> consumer;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    /** @param consumer called on the FX application thread with the newest offered value */
    public FxHandoff(Consumer<? super T> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /**
     * Offers a value from any thread. It replaces any value not yet delivered; the consumer will
     * see it (or a newer one) on the FX thread soon.
     */
    public void offer(T value) {
        Objects.requireNonNull(value, "value");
        offered.incrementAndGet();
        latest.set(value);
        if (pending.compareAndSet(false, true)) {
            scheduled.incrementAndGet();
            Platform.runLater(this::deliver);
        }
    }

    private void deliver() {
        // Clear the flag before taking the value: an offer racing with us then either leaves its
        // value for this delivery or schedules a new one; no value is ever stranded.
        pending.set(false);
        T value = latest.getAndSet(null);
        if (value != null) {
            delivered.incrementAndGet();
            consumer.accept(value);
        }
    }

    /** Number of values offered so far. */
    public long offeredCount() {
        return offered.get();
    }

    /** Number of {@code Platform.runLater} calls made so far (at most one per pending delivery). */
    public long scheduledCount() {
        return scheduled.get();
    }

    /** Number of values the consumer has received so far. */
    public long deliveredCount() {
        return delivered.get();
    }
}
