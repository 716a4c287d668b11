package dev.weft.internal.time;

import dev.weft.Waker;
import dev.weft.internal.runtime.Parker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A runtime's timers: one {@link TimerWheel} behind a lock, the runtime's {@link Clock}, and the
 * parking integration that makes timers fire on time without a timer thread.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Ticks are milliseconds since the driver started. A deadline is rounded <em>up</em> to a tick
 * and "now" <em>down</em>, so a timer never fires before its deadline.
 *
 * <p>Firing: whoever processes ({@link #process()}) takes the lock, pulls up to {@value #BATCH}
 * due entries, marks each FIRED (a CAS that a concurrent cancel may win instead), copies their
 * wakers, drops the lock, wakes them, and repeats. No waker runs under the lock.
 *
 * <p>Parking: one parked worker at a time holds the driver ({@link #tryAcquire()}) and parks in it
 * ({@link #parkOn(Parker, BooleanSupplier)}) until the next deadline: it never wakes for empty
 * ticks. Before parking it publishes that deadline under the lock; a registration of an earlier
 * deadline, also under the lock, sees it and unparks that thread. Busy workers fire due timers from
 * their periodic maintenance ({@link #processIfDue()}), which costs one clock read when nothing is
 * due.
 *
 * <p>Paused time: instead of sleeping, the driver holder jumps the clock to the next deadline, but
 * only when the runtime is idle (every worker parked, no queued task, no blocking call running),
 * so timers fire in deadline order and a test that sleeps an hour takes milliseconds.
 */
public final class TimeDriver implements Parker.Driver {

    /** Wakers fired per lock hold (Tokio's figure): bounds the lock hold and the local array. */
    static final int BATCH = 32;

    private static final long NANOS_PER_TICK = 1_000_000L;
    private static final long NOT_PARKED = Long.MAX_VALUE;

    private final Clock clock;
    private final long startNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final TimerWheel wheel = new TimerWheel(); // guarded by lock
    private final AtomicBoolean held = new AtomicBoolean(); // the driver's try-lock for parking

    /**
     * A lower bound of the wheel's next expiration tick, for the lock-free "anything due?" check
     * and the park deadline; written under lock, exact after every {@link #process()}.
     */
    private volatile long nextWakeTick = Long.MAX_VALUE;

    /** The holder's park deadline (tick) and thread; written under lock, read under lock. */
    private long parkedUntilTick = NOT_PARKED;
    private volatile Thread parkedThread;

    private volatile boolean shutdown;

    /** @param clock the runtime's clock */
    public TimeDriver(Clock clock) {
        this.clock = clock;
        this.startNanos = clock.nanoTime();
    }

    /** @return the runtime's clock */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- ticks

    /** @return the current tick, rounded down */
    public long nowTick() {
        return toTickFloor(clock.nanoTime());
    }

    /**
     * @param deadlineNanos a reading of {@link #clock()}
     * @return the first tick at or after it
     */
    public long deadlineTick(long deadlineNanos) {
        long d = deadlineNanos - startNanos;
        if (d <= 0) {
            return 0;
        }
        long t = d / NANOS_PER_TICK;
        return d % NANOS_PER_TICK == 0 ? t : t + 1;
    }

    private long toTickFloor(long nanos) {
        long d = nanos - startNanos;
        return d <= 0 ? 0 : d / NANOS_PER_TICK;
    }

    private long tickToNanos(long tick) {
        return Clock.saturatedAdd(startNanos, tick > Long.MAX_VALUE / NANOS_PER_TICK ? Long.MAX_VALUE : tick * NANOS_PER_TICK);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Files an entry (IDLE, FIRED or CANCELLED) for its {@code deadlineTick} and marks it
     * REGISTERED. Wakes the parked driver holder if this deadline is earlier than its park.
     *
     * @param e the entry, with its waker set
     * @throws IllegalStateException if the runtime has shut down
     */
    public void register(TimerEntry e) {
        Thread toWake = null;
        lock.lock();
        try {
            if (shutdown) {
                throw new IllegalStateException("timer used after its Weft runtime shut down");
            }
            if (e.isLinked()) {
                wheel.remove(e);
            }
            e.setStateUnderLock(TimerEntry.REGISTERED);
            wheel.insert(e);
            lowerNextWake(e.deadlineTick);
            if (e.deadlineTick < parkedUntilTick) {
                toWake = parkedThread;
            }
        } finally {
            lock.unlock();
        }
        if (toWake != null) {
            LockSupport.unpark(toWake);
        }
    }

    /**
     * Moves a registered entry to an earlier deadline (a later one needs no lock: the wheel
     * re-files it when its old slot comes due).
     *
     * @param e       the entry
     * @param newTick the new deadline tick
     */
    public void moveEarlier(TimerEntry e, long newTick) {
        Thread toWake = null;
        lock.lock();
        try {
            e.setDeadlineTick(newTick);
            if (e.state() != TimerEntry.REGISTERED || !e.isLinked()) {
                return; // fired or cancelled meanwhile: the owner re-arms on its next poll
            }
            wheel.remove(e);
            wheel.insert(e);
            lowerNextWake(newTick);
            if (newTick < parkedUntilTick) {
                toWake = parkedThread;
            }
        } finally {
            lock.unlock();
        }
        if (toWake != null) {
            LockSupport.unpark(toWake);
        }
    }

    /**
     * Cancels a registered entry and unlinks it at once, so it holds no memory until its deadline.
     *
     * @param e the entry
     * @return {@code true} if this call cancelled it; {@code false} if it had fired (or was not
     *     registered)
     */
    public boolean cancel(TimerEntry e) {
        if (!e.casState(TimerEntry.REGISTERED, TimerEntry.CANCELLED)) {
            return false;
        }
        lock.lock();
        try {
            if (e.isLinked()) {
                wheel.remove(e); // nextWakeTick may now be early: harmless, see lowerNextWake
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * Keeps {@code nextWakeTick} a lower bound of every filed deadline without recomputing it on
     * each registration and cancellation (the hot path of schedule+cancel). An entry's own deadline
     * is a valid wake-up time even though its slot starts earlier: processing at any tick cascades
     * every slot due by then. A bound left too early by a cancel only costs one empty
     * {@link #process()}, which recomputes it exactly. Called under the lock.
     */
    private void lowerNextWake(long tick) {
        if (tick < nextWakeTick) {
            NEXT_WAKE.setRelease(this, tick); // lock-free readers need it only eventually: they re-check
        }
    }

    private void updateNextWake() {
        long next = wheel.nextExpiration();
        nextWakeTick = next < 0 ? Long.MAX_VALUE : next;
    }

    // ---------------------------------------------------------------- firing

    /**
     * Fires what is due if anything is; one clock read otherwise. Called by busy workers.
     *
     * @return how many timers fired
     */
    public int processIfDue() {
        return nextWakeTick <= nowTick() ? process() : 0;
    }

    /**
     * Fires every due timer, waking in batches with the lock dropped.
     *
     * @return how many timers fired
     */
    public int process() {
        Waker[] batch = null;
        int total = 0;
        for (;;) {
            int n = 0;
            lock.lock();
            try {
                long now = nowTick();
                for (TimerEntry e; n < BATCH && (e = wheel.pollExpired(now)) != null; ) {
                    if (e.deadlineTick > now) {
                        wheel.insert(e); // reset to a later deadline since it was filed
                        continue;
                    }
                    if (e.casState(TimerEntry.REGISTERED, TimerEntry.FIRED)) {
                        Waker w = e.waker(); // after the CAS: pairs with the poller's write-then-check
                        if (w != null) {
                            if (batch == null) {
                                batch = new Waker[BATCH];
                            }
                            batch[n++] = w;
                        }
                    }
                }
                updateNextWake();
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                Waker w = batch[i];
                batch[i] = null;
                try {
                    w.wake();
                } catch (Throwable t) {
                    System.getLogger("dev.weft.runtime").log(System.Logger.Level.WARNING, "a timer's waker threw", t);
                }
            }
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    // ---------------------------------------------------------------- parking

    /** @return {@code true} if the caller now holds the driver and must {@link #release()} it */
    public boolean tryAcquire() {
        return !held.get() && held.compareAndSet(false, true);
    }

    /** Lets the driver go. */
    public void release() {
        held.set(false);
    }

    /**
     * Parks the calling thread (the driver holder) until the next deadline, an unpark of
     * {@code parker}, or an earlier registration; then fires what is due. Under paused time it
     * jumps the clock to the next deadline instead, if {@code runtimeIdle} says nothing else can
     * happen.
     *
     * @param parker      the caller's parker
     * @param runtimeIdle whether every worker is parked and nothing is queued or running
     */
    public void parkOn(Parker parker, BooleanSupplier runtimeIdle) {
        if (processIfDue() > 0) {
            return; // woke tasks, likely onto the caller's own queue: run them instead of parking
        }
        long until;
        lock.lock();
        try {
            // Publish ourselves before looking at the runtime: a worker that parks after our look
            // reads parkedThread after announcing itself idle (a Dekker pair) and wakes us.
            parkedThread = Thread.currentThread();
            until = nextWakeTick;
            if (clock.isPaused()) {
                if (until != Long.MAX_VALUE && runtimeIdle.getAsBoolean()) {
                    // auto-advance: nothing can happen before the next deadline, so go straight to it
                    clock.advanceTo(tickToNanos(until));
                    until = 0;
                } else {
                    until = NOT_PARKED; // frozen time: only an event can end this park
                }
            }
            parkedUntilTick = until;
        } finally {
            lock.unlock();
        }
        try {
            if (until == 0) {
                parker.park(this, 0);
            } else if (until == NOT_PARKED) {
                parker.park(this, -1);
            } else {
                long wait = tickToNanos(until) - clock.nanoTime();
                parker.park(this, Math.max(wait, 0));
            }
        } finally {
            lock.lock();
            try {
                parkedUntilTick = NOT_PARKED;
                parkedThread = null;
            } finally {
                lock.unlock();
            }
        }
        process();
    }

    /** Asks the driver holder to look again (the runtime became idle under paused time). */
    public void wakeHolder() {
        Thread t = parkedThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void park(long timeoutNanos) {
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else if (timeoutNanos > 0) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
    }

    @Override
    public void unpark() {
        wakeHolder();
    }

    // ---------------------------------------------------------------- shutdown and inspection

    /** Refuses new timers; pending ones are closed by their tasks' cancellation. */
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the driver refuses timers */
    public boolean isShutdown() {
        return shutdown;
    }

    /** @return timers currently filed (tests, metrics) */
    public int pendingTimers() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }

    private static final java.lang.invoke.VarHandle NEXT_WAKE;

    static {
        try {
            NEXT_WAKE = java.lang.invoke.MethodHandles.lookup().findVarHandle(TimeDriver.class, "nextWakeTick", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return the nanosecond reading at which tick 0 began */
    public long startNanos() {
        return startNanos;
    }
}
