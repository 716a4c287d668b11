package dev.weft.internal.runtime;

import dev.weft.Waker;

/**
 * The waker of a thread blocked in {@code blockOn}: waking it unparks that thread.
 */
public final class ThreadWaker implements Waker {

    private final Parker parker;

    /** Set by wake, cleared by the owner before it polls; tells a runtime-driving owner to poll. */
    private volatile boolean woken = true;

    /** Creates a waker for the calling thread. */
    public ThreadWaker() {
        this.parker = new Parker(Thread.currentThread());
    }

    // Paused-time accounting (see parkCountedOut): 1 while the owner is parked and counted out of
    // `counter`; whoever CASes it to 0 counts the owner back in. Written before the volatile store.
    private volatile int countedOut;
    private java.util.concurrent.atomic.AtomicInteger counter;

    @Override
    public void wake() {
        // Count the owner back in *before* unparking it, so nobody sees "every thread idle" (and
        // advances paused time) in the window between this wake and the owner's return from park.
        if (countedOut == 1 && COUNTED_OUT.compareAndSet(this, 1, 0)) {
            counter.incrementAndGet();
        }
        woken = true; // before unpark: the owner reads it after park returns
        parker.unpark();
    }

    /**
     * Parks the owner, counted out of {@code active} while it is parked: {@code countOut} takes it
     * out (after this waker is armed, so a wake in between counts it back at once), and a wake
     * counts it back in before unparking. On return the owner is counted in again.
     *
     * @param active   the count of running threads the owner belongs to
     * @param countOut decrements {@code active} (and reacts to it reaching zero)
     */
    public void parkCountedOut(java.util.concurrent.atomic.AtomicInteger active, Runnable countOut) {
        counter = active;
        countedOut = 1; // volatile store: publishes `counter` to a waker that reads countedOut == 1
        countOut.run();
        try {
            park();
        } finally {
            if (countedOut == 1 && COUNTED_OUT.compareAndSet(this, 1, 0)) {
                active.incrementAndGet(); // woken by something other than wake(): count ourselves in
            }
        }
    }

    private static final java.lang.invoke.VarHandle COUNTED_OUT;

    static {
        try {
            COUNTED_OUT = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(ThreadWaker.class, "countedOut", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return whether a wake arrived since the last call (and clears the mark) */
    public boolean takeWoken() {
        if (!woken) {
            return false;
        }
        woken = false;
        return true;
    }

    /** @return whether a wake arrived that the owner has not taken yet */
    public boolean isWoken() {
        return woken;
    }

    /** Parks the owning thread until {@link #wake()} (returns at once if a wake came first). */
    public void park() {
        parker.park();
    }

    /** @return the parker, for schedulers that also wake this thread for other reasons */
    public Parker parker() {
        return parker;
    }
}
