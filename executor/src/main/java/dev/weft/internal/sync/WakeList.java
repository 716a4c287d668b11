package dev.weft.internal.sync;

import dev.weft.Waker;
import java.util.Arrays;

/**
 * Wakers collected under a primitive's lock, to be called after it is released: a waker may run
 * arbitrary code (or take the same lock), so no waker is ever called while a lock is held.
 *
 * <p>Holds the first waker in a field and allocates an array only from the second on, so the
 * common single hand-off (a mutex passing to its next waiter) allocates nothing but this object.
 * Used by one thread; not thread-safe.
 */
public final class WakeList {

    private Waker first;
    private Waker[] rest;
    private int restSize;

    /** @param w a waker to call later; {@code null} is ignored (a waiter that never registered) */
    public void add(Waker w) {
        if (w == null) {
            return;
        }
        if (first == null) {
            first = w;
            return;
        }
        if (rest == null) {
            rest = new Waker[4];
        } else if (restSize == rest.length) {
            rest = Arrays.copyOf(rest, restSize * 2);
        }
        rest[restSize++] = w;
    }

    /** Calls every collected waker in the order added, then forgets them. */
    public void wakeAll() {
        Waker w = first;
        first = null;
        if (w != null) {
            w.wake();
        }
        for (int i = 0; i < restSize; i++) {
            Waker r = rest[i];
            rest[i] = null;
            r.wake();
        }
        restSize = 0;
    }
}
