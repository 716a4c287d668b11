package dev.weft.time;

import dev.weft.internal.time.Clock;
import dev.weft.internal.time.TimeAccess;
import dev.weft.internal.time.TimeDriver;
import java.time.Duration;
import java.util.Objects;

/**
 * Controls one runtime's clock, for tests. Obtained from {@code Runtime.timeControl()}.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.builder().startPaused(true).build()) {
 *     Instant t0 = rt.timeControl().now();
 *     rt.blockOn(Time.sleep(Duration.ofHours(1)));   // returns in milliseconds: auto-advance
 *     assert rt.timeControl().now().durationSince(t0).equals(Duration.ofHours(1));
 * }
 * }</pre>
 *
 * <p>While paused, the clock stands still except when moved by {@link #advance(Duration)}, or
 * when the runtime is idle (every worker parked, nothing queued, no blocking call running): then it
 * jumps to the next timer's deadline, so timers fire in deadline order at their exact virtual
 * instants. Each runtime has its own clock.
 */
public final class TimeControl {

    static {
        TimeAccess.install(TimeControl::new);
    }

    private final TimeDriver driver;

    private TimeControl(TimeDriver driver) {
        this.driver = driver;
    }

    private Clock clock() {
        return driver.clock();
    }

    /** Freezes the clock. */
    public void pause() {
        clock().pause();
    }

    /** Lets the clock run again from where it stands. */
    public void resume() {
        clock().resume();
        driver.wakeHolder();
    }

    /** @return whether the clock is paused */
    public boolean isPaused() {
        return clock().isPaused();
    }

    /**
     * Moves the paused clock forward and fires the timers now due (their tasks run
     * asynchronously on the runtime).
     *
     * @param d how far, not negative
     * @throws IllegalStateException if the clock is not paused
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: advance(" + d + ")");
        }
        clock().advance(Instant.toNanosSaturated(d));
        driver.process();
        driver.wakeHolder();
    }

    /** @return the clock's reading */
    public Instant now() {
        return Instant.ofNanos(clock().nanoTime());
    }
}
