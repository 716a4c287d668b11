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

    @Override
    public void wake() {
        woken = true; // before unpark: the owner reads it after park returns
        parker.unpark();
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
