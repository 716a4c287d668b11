package dev.weft;

/**
 * A future that stays pending until {@link #fire()}; the waker of its latest poll is woken then.
 * Any thread may fire it, once or many times.
 */
final class Signal implements Future<Void> {

    // Both volatile: poll writes the waker then reads fired, fire writes fired then reads the
    // waker, so one of them always sees the other and no wake is lost.
    private volatile boolean fired;
    private volatile Waker waker;

    @Override
    public Poll<Void> poll(Context cx) {
        waker = cx.waker();
        return fired ? Poll.ready(null) : Poll.pending();
    }

    void fire() {
        fired = true;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /** Wakes the last poller without firing: a spurious wake. */
    void wakeOnly() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
