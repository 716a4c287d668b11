package dev.weft.stress.time;

import dev.weft.internal.time.Clock;
import dev.weft.internal.time.TimeDriver;
import dev.weft.internal.time.TimerHandle;

/** A paused clock, its driver and one timer, for the hand-driven timer tests. */
final class TimerFixtures {

    static final long MS = 1_000_000L;

    final Clock clock = new Clock(true);
    final TimeDriver driver = new TimeDriver(clock);
    final TimerHandle timer = new TimerHandle();

    /** @return the tick {@code ms} milliseconds after the driver's start */
    long tick(long ms) {
        return driver.deadlineTick(driver.startNanos() + ms * MS);
    }

    /** Moves the paused clock to {@code ms} after the driver's start. */
    void clockAt(long ms) {
        clock.advanceTo(driver.startNanos() + ms * MS);
    }

    /** @return whether the clock has reached {@code ms}: Sleep.poll's own completion check */
    boolean reached(long ms) {
        return clock.nanoTime() - (driver.startNanos() + ms * MS) >= 0;
    }
}
