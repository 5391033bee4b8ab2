package org.hutch.widgets;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;

import org.hutch.model.concurrent.NamedThreadFactory;

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
 * <p>
 * With a rate cap ({@link #FxHandoff(Consumer, Duration)}) it delivers at most once per period: a
 * value offered sooner waits out the rest of the period (newer offers replace it meanwhile) and is
 * then delivered, so the last value is never lost.
 *
 * @param <T> the type of value handed over; values must not be {@code null}
 */
public final class FxHandoff<T> {

    /** Waits out the rest of a capped hand-off's period before its delivery is scheduled. */
    private static final class Throttle {
        static final ScheduledExecutorService TIMER = NamedThreadFactory.singleThreadScheduler("hutch-fx-handoff-throttle");
    }

    private final Consumer<? super T> consumer;
    private final long minPeriodNanos;
    /** System.nanoTime() of the last delivery (capped hand-offs only). */
    private volatile long lastDelivery;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    /** @param consumer called on the FX application thread with the newest offered value */
    public FxHandoff(Consumer<? super T> consumer) {
        this(consumer, Duration.ZERO);
    }

    /**
     * @param consumer  called on the FX application thread with the newest offered value
     * @param minPeriod the shortest time between two deliveries (zero: no cap)
     */
    public FxHandoff(Consumer<? super T> consumer, Duration minPeriod) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        if (minPeriod.isNegative()) {
            throw new IllegalArgumentException("negative period " + minPeriod);
        }
        this.minPeriodNanos = minPeriod.toNanos();
        this.lastDelivery = System.nanoTime() - minPeriodNanos;
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
            long wait = minPeriodNanos - (System.nanoTime() - lastDelivery);
            if (minPeriodNanos > 0 && wait > 0) {
                Throttle.TIMER.schedule(() -> Platform.runLater(this::deliver), wait, TimeUnit.NANOSECONDS);
            } else {
                Platform.runLater(this::deliver);
            }
        }
    }

    private void deliver() {
        // Clear the flag before taking the value: an offer racing with us then either leaves its
        // value for this delivery or schedules a new one; no value is ever stranded.
        // The period starts before the flag clears, so an offer racing with us waits it out.
        lastDelivery = System.nanoTime();
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
