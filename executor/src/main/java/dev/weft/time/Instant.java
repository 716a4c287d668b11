package dev.weft.time;

import dev.weft.internal.runtime.RuntimeContext;
import dev.weft.internal.runtime.Scheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * A reading of a runtime's monotonic clock, the one timers use. Inside a runtime built with paused
 * time, {@link #now()} is that runtime's virtual time; elsewhere it follows
 * {@link System#nanoTime()}. Unrelated to wall-clock {@link java.time.Instant}.
 *
 * <pre>{@code
 * Instant start = Instant.now();
 * ... await Time.sleep(Duration.ofSeconds(1)) ...
 * assert start.elapsed().compareTo(Duration.ofSeconds(1)) >= 0;   // never early
 * }</pre>
 *
 * <p>Instants from two runtimes with paused clocks are not comparable with each other.
 */
public final class Instant implements Comparable<Instant> {

    private final long nanos;

    private Instant(long nanos) {
        this.nanos = nanos;
    }

    /** @return the current reading of the current runtime's clock (or of System.nanoTime outside) */
    public static Instant now() {
        Scheduler s = RuntimeContext.current();
        return new Instant(s == null ? System.nanoTime() : s.timeDriver().clock().nanoTime());
    }

    static Instant ofNanos(long nanos) {
        return new Instant(nanos);
    }

    long nanos() {
        return nanos;
    }

    /**
     * @param d a duration (saturating: adding centuries gives the far future, never an overflow)
     * @return this instant plus {@code d}
     */
    public Instant plus(Duration d) {
        return new Instant(addSaturated(nanos, toNanosSaturated(Objects.requireNonNull(d, "duration"))));
    }

    /**
     * @param d a duration
     * @return this instant minus {@code d}
     */
    public Instant minus(Duration d) {
        return new Instant(addSaturated(nanos, -toNanosSaturated(Objects.requireNonNull(d, "duration"))));
    }

    /**
     * @param earlier another instant of the same clock
     * @return the time from {@code earlier} to this, or zero if {@code earlier} is later
     */
    public Duration durationSince(Instant earlier) {
        long d = nanos - earlier.nanos;
        return d <= 0 ? Duration.ZERO : Duration.ofNanos(d);
    }

    /** @return the time since this instant on the current runtime's clock */
    public Duration elapsed() {
        return now().durationSince(this);
    }

    /** @param other another instant @return whether this is strictly earlier */
    public boolean isBefore(Instant other) {
        return nanos - other.nanos < 0;
    }

    /** @param other another instant @return whether this is strictly later */
    public boolean isAfter(Instant other) {
        return nanos - other.nanos > 0;
    }

    @Override
    public int compareTo(Instant o) {
        return Long.compare(nanos - o.nanos, 0); // wrap-safe, as System.nanoTime requires
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instant i && i.nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanos);
    }

    @Override
    public String toString() {
        return "Instant[" + nanos + " ns]";
    }

    static long toNanosSaturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    static long addSaturated(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }
}
