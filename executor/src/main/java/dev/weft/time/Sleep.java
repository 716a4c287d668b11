package dev.weft.time;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.runtime.RuntimeContext;
import dev.weft.internal.runtime.Scheduler;
import dev.weft.internal.time.TimeDriver;
import dev.weft.internal.time.TimerHandle;
import java.time.Duration;
import java.util.Objects;

/**
 * A future that completes when its runtime's clock reaches a deadline. Created by
 * {@link Time#sleep(Duration)} and {@link Time#sleepUntil(Instant)}.
 *
 * <pre>{@code
 * Sleep s = Time.sleep(Duration.ofSeconds(5));
 * ...
 * s.reset(Instant.now().plus(Duration.ofSeconds(1)));   // sooner, or later; the wheel copes
 * }</pre>
 *
 * <p>Guarantees: it never completes before its deadline (deadlines are rounded up to the timer
 * wheel's 1 ms resolution); a deadline at or before now completes on the first poll without
 * touching the timer wheel; the timer is registered on the first poll that has to wait, and
 * {@link #close()} (which the runtime calls when the owning task ends or is cancelled) unlinks it at
 * once. Polled outside a runtime, it fails with {@link IllegalStateException}.
 *
 * <p>Cancel safety: dropping a {@code Sleep} (closing it) loses nothing.
 */
public final class Sleep implements Future<Void>, AutoCloseable {

    private final TimerHandle timer = new TimerHandle();
    private TimeDriver driver; // bound on creation inside a runtime, else on the first poll
    private long deadline; // nanos on driver's clock once bound
    private long pendingNanos; // a relative deadline waiting for a clock to measure from
    private boolean relative;
    private boolean closed;

    private Sleep(TimeDriver driver, long deadline, long pendingNanos, boolean relative) {
        this.driver = driver;
        this.deadline = deadline;
        this.pendingNanos = pendingNanos;
        this.relative = relative;
    }

    static Sleep after(Duration d) {
        long nanos = Math.max(0, Instant.toNanosSaturated(Objects.requireNonNull(d, "duration")));
        TimeDriver driver = currentDriver();
        if (driver == null) {
            return new Sleep(null, 0, nanos, true); // measured from the first poll, in a runtime
        }
        return new Sleep(driver, Instant.addSaturated(driver.clock().nanoTime(), nanos), 0, false);
    }

    static Sleep until(Instant when) {
        Objects.requireNonNull(when, "deadline");
        return new Sleep(currentDriver(), when.nanos(), 0, false);
    }

    private static TimeDriver currentDriver() {
        Scheduler s = RuntimeContext.current();
        return s == null ? null : s.timeDriver();
    }

    private TimeDriver bind() {
        TimeDriver d = driver;
        if (d != null) {
            return d;
        }
        d = currentDriver();
        if (d == null) {
            throw new IllegalStateException("a Weft sleep or timeout was polled outside a Weft runtime: there is no"
                    + " clock to wait on. Spawn it on a runtime, or run it with Runtime.blockOn");
        }
        driver = d;
        if (relative) {
            deadline = Instant.addSaturated(d.clock().nanoTime(), pendingNanos);
            relative = false;
        }
        return d;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (closed) {
            throw new IllegalStateException("Sleep polled after close()");
        }
        TimeDriver d = bind();
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        if (d.clock().nanoTime() - deadline >= 0) {
            timer.disarm(d);
            return Poll.ready(null);
        }
        if (d.isShutdown()) {
            // registered before the shutdown, the timer sits in a wheel nobody will advance again
            timer.disarm(d);
            throw new IllegalStateException("a Weft sleep was polled after its runtime shut down: it would never fire");
        }
        // The clock alone decides completion, so a fire that raced with a reset can never end the
        // sleep early; the wheel only decides when to poll again.
        timer.arm(d, d.deadlineTick(deadline), cx.waker());
        Budget.refund(cx);
        return Poll.pending();
    }

    /**
     * Moves the deadline. Works before the first poll, while waiting, and after completion (the
     * sleep then waits again). A later deadline costs no lock; an earlier one re-files the timer and
     * wakes the runtime's timer if needed.
     *
     * @param newDeadline the new deadline
     */
    public void reset(Instant newDeadline) {
        Objects.requireNonNull(newDeadline, "deadline");
        relative = false;
        deadline = newDeadline.nanos();
        TimeDriver d = driver;
        if (d != null) {
            timer.moveTo(d, d.deadlineTick(deadline));
        }
    }

    /**
     * Moves the deadline to {@code d} from now.
     *
     * @param d the new delay
     */
    public void resetAfter(Duration d) {
        reset(Instant.now().plus(d));
    }

    /** @return the deadline; before the first poll of a sleep made outside a runtime, an estimate */
    public Instant deadline() {
        return relative ? Instant.now().plus(Duration.ofNanos(pendingNanos)) : Instant.ofNanos(deadline);
    }

    /** @return whether the deadline has passed on the bound runtime's clock */
    public boolean isElapsed() {
        return driver != null && !relative && driver.clock().nanoTime() - deadline >= 0;
    }

    /** Cancels the timer: it is unlinked from the wheel at once. Idempotent. */
    @Override
    public void close() {
        closed = true;
        TimeDriver d = driver;
        if (d != null) {
            timer.disarm(d);
        }
    }

    long deadlineNanos() {
        return deadline;
    }

    @Override
    public String toString() {
        return "Sleep[deadline=" + deadline() + (closed ? ", closed]" : "]");
    }
}
