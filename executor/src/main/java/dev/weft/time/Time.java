package dev.weft.time;

import dev.weft.Future;
import java.time.Duration;
import java.util.Objects;

/**
 * Sleeping, timeouts and intervals on the current runtime's clock.
 *
 * <pre>{@code
 * rt.blockOn(Time.sleep(Duration.ofMillis(50)));                  // at least 50 ms later
 * String s = rt.blockOn(Time.timeout(Duration.ofSeconds(2), fetch)); // or Elapsed
 * }</pre>
 *
 * <p>Resolution is 1 ms; deadlines round up, so nothing completes early. A zero or negative
 * duration completes on the first poll. Durations too large for a {@code long} of nanoseconds
 * (about 292 years) saturate: such a sleep never completes in practice. Timers may be created
 * anywhere, but must be polled inside a runtime (a task, {@code blockOn}); a sleep created outside
 * a runtime measures its duration from its first poll.
 */
public final class Time {

    private Time() {}

    /** @return the current runtime's clock reading (see {@link Instant#now()}) */
    public static Instant now() {
        return Instant.now();
    }

    /**
     * @param duration how long
     * @return a future completing after {@code duration}
     */
    public static Sleep sleep(Duration duration) {
        return Sleep.after(duration);
    }

    /**
     * @param deadline when
     * @return a future completing at {@code deadline}
     */
    public static Sleep sleepUntil(Instant deadline) {
        return Sleep.until(deadline);
    }

    /**
     * Bounds a future in time.
     *
     * @param duration the limit, from now
     * @param future   the future to bound
     * @param <T>      its result type
     * @return a future that completes like {@code future} or fails with {@link Elapsed}
     */
    public static <T> Timeout<T> timeout(Duration duration, Future<T> future) {
        Objects.requireNonNull(future, "future");
        return new Timeout<>(Objects.requireNonNull(duration, "duration"), future, Sleep.after(duration));
    }

    /**
     * @param period the time between ticks, positive
     * @return an interval whose first tick is now
     */
    public static Interval interval(Duration period) {
        return intervalAt(Instant.now(), period);
    }

    /**
     * @param start  the first tick
     * @param period the time between ticks, positive
     * @return an interval
     */
    public static Interval intervalAt(Instant start, Duration period) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("interval period must be positive, was " + period);
        }
        return new Interval(Sleep.until(start), period);
    }
}
