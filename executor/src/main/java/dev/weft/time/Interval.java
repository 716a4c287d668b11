package dev.weft.time;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.time.Duration;
import java.util.Objects;

/**
 * Ticks at a fixed period. The first tick completes at once (at the start instant); each tick
 * yields the instant it was scheduled for. What happens when ticks were missed is set by
 * {@link #setMissedTickBehavior(MissedTickBehavior)} (default {@link MissedTickBehavior#BURST}).
 *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofSeconds(1));
 * // in a future's poll:
 * while (every.pollTick(cx) instanceof Poll.Ready<Instant> tick) {
 *     report(tick.value());
 * }
 * return Poll.pending();
 * }</pre>
 *
 * <p>Cancel safety: a tick future that is dropped before completing consumes no tick.
 */
public final class Interval implements AutoCloseable {

    private final long periodNanos;
    private final Sleep sleep;
    private MissedTickBehavior behavior = MissedTickBehavior.BURST;

    Interval(Sleep first, Duration period) {
        this.sleep = first;
        this.periodNanos = Instant.toNanosSaturated(period);
    }

    /**
     * Polls for the next tick.
     *
     * @param cx the context
     * @return the scheduled instant of the tick, when due
     */
    public Poll<Instant> pollTick(Context cx) {
        if (!sleep.poll(cx).isReady()) {
            return Poll.pending();
        }
        long due = sleep.deadlineNanos();
        long now = Instant.now().nanos();
        long next = switch (behavior) {
            case BURST -> Instant.addSaturated(due, periodNanos);
            case DELAY -> Instant.addSaturated(now, periodNanos);
            case SKIP -> {
                long behind = now - due;
                yield Instant.addSaturated(now, periodNanos - behind % periodNanos);
            }
        };
        sleep.reset(Instant.ofNanos(next));
        return Poll.ready(Instant.ofNanos(due));
    }

    /** @return a future of the next tick (polling it is {@link #pollTick(Context)}) */
    public Future<Instant> tick() {
        return this::pollTick;
    }

    /** @param b what to do about missed ticks */
    public void setMissedTickBehavior(MissedTickBehavior b) {
        this.behavior = Objects.requireNonNull(b, "behavior");
    }

    /** @return what happens to missed ticks */
    public MissedTickBehavior missedTickBehavior() {
        return behavior;
    }

    /** @return the period */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Restarts the schedule: the next tick is one period from now. */
    public void reset() {
        sleep.reset(Instant.now().plus(Duration.ofNanos(periodNanos)));
    }

    /** Cancels the pending timer. */
    @Override
    public void close() {
        sleep.close();
    }
}
