package dev.weft.internal.time;

/**
 * A runtime's clock: monotonic nanoseconds, either following {@link System#nanoTime()} or paused
 * for tests. Each runtime has its own, so two runtimes never share paused time.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Running: {@code now = System.nanoTime() + offset}. Paused: {@code now = frozen}. Pausing
 * freezes the current reading; advancing while paused adds to it; resuming sets {@code offset} so
 * time continues from the frozen reading. All mutators are {@code synchronized}; readers use one
 * volatile read of {@code frozen} (a paused flag in disguise: {@link Long#MIN_VALUE} when running)
 * and, when running, one of {@code offset}. Time never goes backwards: advancing by a negative
 * duration is rejected.
 */
public final class Clock {

    private static final long RUNNING = Long.MIN_VALUE;

    private volatile long offset; // written under this, read by anyone
    private volatile long frozen = RUNNING; // written under this, read by anyone

    /** @param startPaused whether the clock starts paused */
    public Clock(boolean startPaused) {
        if (startPaused) {
            frozen = System.nanoTime();
        }
    }

    /** @return the current reading, in nanoseconds on the runtime's monotonic scale */
    public long nanoTime() {
        long f = frozen;
        return f != RUNNING ? f : System.nanoTime() + offset;
    }

    /** @return whether the clock is paused */
    public boolean isPaused() {
        return frozen != RUNNING;
    }

    /** Freezes the clock at its current reading. */
    public synchronized void pause() {
        if (frozen == RUNNING) {
            frozen = System.nanoTime() + offset;
        }
    }

    /** Lets the clock run again from its frozen reading. */
    public synchronized void resume() {
        long f = frozen;
        if (f != RUNNING) {
            offset = f - System.nanoTime();
            frozen = RUNNING;
        }
    }

    /**
     * Moves a paused clock forward.
     *
     * @param nanos how far, at least 0
     * @throws IllegalStateException if the clock is running
     */
    public synchronized void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go backwards: advance by " + nanos + " ns");
        }
        long f = frozen;
        if (f == RUNNING) {
            throw new IllegalStateException("advance() needs paused time: call pause() first, or build the runtime"
                    + " with startPaused(true)");
        }
        frozen = saturatedAdd(f, nanos);
    }

    /**
     * Moves a paused clock forward to {@code target} if it is ahead (auto-advance).
     *
     * @param target the reading to reach
     * @return whether the clock moved
     */
    public synchronized boolean advanceTo(long target) {
        long f = frozen;
        if (f == RUNNING || target <= f) {
            return false;
        }
        frozen = target;
        return true;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
