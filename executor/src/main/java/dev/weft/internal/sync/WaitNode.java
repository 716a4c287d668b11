package dev.weft.internal.sync;

import dev.weft.Waker;

/**
 * A node of a {@link WaitList}: one waiting future. Subclasses add what the waiter is waiting for.
 *
 * <p>Every field here is guarded by the lock of the primitive that owns the list: the links and
 * {@link #linked} are written only by the list's methods, {@link #waker} only by the waiter
 * (registering) or by the primitive (taking it to wake after releasing the lock).
 */
public class WaitNode {

    WaitNode prev;
    WaitNode next;
    boolean linked;

    /** The waker to call when this waiter may proceed; guarded by the owner's lock. */
    public Waker waker;

    /** @return whether this node is in a list; read under the owner's lock */
    public final boolean isLinked() {
        return linked;
    }

    /**
     * Stores {@code w} unless the stored waker already wakes the same task, so a re-poll by the
     * same task writes nothing. Call under the owner's lock.
     *
     * @param w the waker of the current poll
     */
    public final void setWaker(Waker w) {
        Waker old = waker;
        if (old == null || !old.willWake(w)) {
            waker = w;
        }
    }

    /**
     * Takes the waker out of the node, so it is called once and not retained. Call under the
     * owner's lock; call {@code wake()} on the result after releasing it.
     *
     * @return the waker, or {@code null} if none was registered
     */
    public final Waker takeWaker() {
        Waker w = waker;
        waker = null;
        return w;
    }
}
