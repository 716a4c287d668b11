package dev.weft.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts one thread to sleep until another thread calls {@link #unpark()}, never missing an unpark
 * that races with the park.
 *
 * <h2>Implementation overview</h2>
 *
 * <pre>
 *   EMPTY --park()--> PARKED --unpark()--> NOTIFIED --park() returns--> EMPTY
 *   EMPTY --unpark()--> NOTIFIED   (the next park() returns at once)
 * </pre>
 *
 * <p>{@code unpark()} always swaps the state to NOTIFIED and calls {@link LockSupport#unpark} only
 * if it found PARKED, so a burst of wakes costs one system call. Only the owner thread parks;
 * any thread may unpark. {@link LockSupport#park} may return spuriously, so the owner loops until
 * it sees NOTIFIED.
 *
 * <p>A worker that later owns an I/O or timer driver parks inside that driver instead: the
 * {@link Driver} variant of {@link #park(Driver, long)} is the seam for it.
 */
public final class Parker {

    private static final int EMPTY = 0;
    private static final int PARKED = 1;
    private static final int NOTIFIED = 2;
    private static final int PARKED_DRIVER = 3;

    /** Written by CAS and getAndSet; volatile, so an unpark happens-before the park it ends. */
    private volatile int state;

    private volatile Thread owner;
    private volatile Driver driver; // set while the owner parks inside a driver

    /** @param owner the only thread that will call {@code park} (may be bound later) */
    public Parker(Thread owner) {
        this.owner = owner;
    }

    /** @param thread the thread that will call {@code park} from now on */
    public void bind(Thread thread) {
        this.owner = thread;
    }

    /** Parks until unparked (returns at once if an unpark came first). */
    public void park() {
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            return;
        }
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            // only an unpark can have changed it: NOTIFIED
            state = EMPTY;
            return;
        }
        boolean interrupted = false;
        while (state == PARKED) {
            LockSupport.park(this);
            // An interrupt makes park return at once: note it and park again, or we would spin;
            // the flag is restored for the caller when the unpark comes.
            interrupted |= Thread.interrupted();
        }
        state = EMPTY; // was NOTIFIED: consume it
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parks inside a driver (a timer wheel, a selector) for at most {@code timeoutNanos}, so that
     * the driver's events and {@link #unpark()} both end the wait.
     *
     * @param d            the driver, owned by the caller for the duration of the park
     * @param timeoutNanos the longest wait, or a negative value for none
     */
    public void park(Driver d, long timeoutNanos) {
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            d.park(0);
            return;
        }
        driver = d;
        if (!STATE.compareAndSet(this, EMPTY, PARKED_DRIVER)) {
            driver = null;
            state = EMPTY;
            d.park(0);
            return;
        }
        d.park(timeoutNanos);
        driver = null;
        state = EMPTY; // whether notified or timed out
    }

    /** Wakes the owner, now or at its next park. Any thread. */
    public void unpark() {
        int prev = (int) STATE.getAndSet(this, NOTIFIED);
        if (prev == PARKED) {
            LockSupport.unpark(owner);
        } else if (prev == PARKED_DRIVER) {
            Driver d = driver;
            if (d != null) {
                d.unpark();
            }
        }
    }

    /**
     * Something a parked worker can wait in: it returns when its own events arrive, when the
     * timeout passes, or when {@link #unpark()} is called.
     */
    public interface Driver {
        /** @param timeoutNanos the longest wait; 0 to only poll; negative for no limit */
        void park(long timeoutNanos);

        /** Makes a current or the next {@link #park(long)} return promptly. Any thread. */
        void unpark();
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
