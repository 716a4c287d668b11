package dev.weft;

import dev.weft.internal.time.TimeDriver;

/** Opens a runtime's timer driver to the time tests (through the package-private {@code Runtime.scheduler()}). */
public final class TimeInternals {

    private TimeInternals() {}

    /**
     * @param rt a runtime
     * @return its timer driver
     */
    public static TimeDriver driver(Runtime rt) {
        return rt.scheduler().timeDriver();
    }

    /**
     * @param rt a runtime
     * @return timers currently filed in its wheel
     */
    public static int pendingTimers(Runtime rt) {
        return driver(rt).pendingTimers();
    }
}
