package dev.weft.internal.time;

import dev.weft.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One timer as the wheel sees it. A {@code Sleep} owns one (a {@link TimerHandle}), created with
 * it: a pending sleep is two small objects (96 bytes measured, see docs/benchmarks/timers.md).
 *
 * <h2>Implementation overview</h2>
 *
 * <pre>
 *   IDLE --register--> REGISTERED --fire--> FIRED
 *                           |
 *                           +--cancel--> CANCELLED
 *   FIRED / CANCELLED --re-arm (reset, or a poll before the deadline)--> IDLE
 * </pre>
 *
 * <p>{@code state} arbitrates fire against cancel: both CAS from REGISTERED, so exactly one wins.
 * The wheel links ({@code prev}, {@code next}, {@code level}, {@code slot}, {@code filedTick}) are
 * touched only under the driver's lock. {@code deadlineTick} may be raised without the lock (a
 * reset to a later deadline): the wheel re-files the entry when its old slot comes due instead of
 * firing it. {@code waker} is written by the polling task and read by the firer: the poller writes
 * it and then reads {@code state}; the firer CASes {@code state} and then reads it (a Dekker pair of
 * volatile accesses), so a wake is never lost.
 */
public class TimerEntry {

    static final int IDLE = 0;
    static final int REGISTERED = 1;
    static final int FIRED = 2;
    static final int CANCELLED = 3;

    /** Where an entry is linked: a wheel level 0..5, the expired list, or nowhere. */
    static final int NOT_LINKED = -1;
    static final int EXPIRED_LIST = -2;

    // Guarded by the driver lock.
    TimerEntry prev;
    TimerEntry next;
    int level = NOT_LINKED;
    int slot;
    long filedTick;

    /** The tick (ms since the driver's start, rounded up) at which the timer is due. */
    volatile long deadlineTick;

    private volatile int state;
    private volatile Waker waker;

    /** @return the state (IDLE, REGISTERED, FIRED, CANCELLED) */
    final int state() {
        return state;
    }

    final boolean casState(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /** Under the driver lock only: the lock orders it, so a release store is enough. */
    final void setStateUnderLock(int s) {
        STATE.setRelease(this, s);
    }

    /**
     * Sets the deadline with a release store: readers under the driver lock are ordered by the
     * lock; the one lock-free reader that matters (the wheel meeting a deadline raised by a reset)
     * only needs to see it eventually, because a stale read merely fires early and the owner's
     * poll, which reads the clock, re-arms.
     */
    final void setDeadlineTick(long tick) {
        DEADLINE_TICK.setRelease(this, tick);
    }

    final Waker waker() {
        return waker;
    }

    final void setWaker(Waker w) {
        waker = w;
    }

    final boolean isLinked() {
        return level != NOT_LINKED;
    }

    private static final VarHandle STATE;
    private static final VarHandle DEADLINE_TICK;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerEntry.class, "state", int.class);
            DEADLINE_TICK = MethodHandles.lookup().findVarHandle(TimerEntry.class, "deadlineTick", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
