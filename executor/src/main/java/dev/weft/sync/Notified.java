package dev.weft.sync;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The future returned by {@link Notify#notified()}: completes with {@code null} once the notify is
 * notified for it. Its first poll takes a stored permit or joins the notify's queue; it also
 * completes if {@link Notify#notifyWaiters()} was called after it was created, even before that
 * first poll.
 *
 * <p>Close it when you drop it without having seen {@code Ready} (combinators and the runtime do
 * this for you): a queued {@code Notified} leaves the queue, and one that had been picked by
 * {@code notifyOne()} or {@code notifyLast()} passes the notification on, so nothing is lost.
 * Every {@code Ready} spends one unit of the task's {@link Budget}.
 *
 * <pre>{@code
 * try (Notified n = notify.notified()) {
 *     runtime.blockOn(n);
 * }
 * }</pre>
 *
 * <p>Polled by one task at a time (its owner); not to be polled again after it returned
 * {@code Ready} or was closed.
 */
public final class Notified implements Future<Void>, AutoCloseable {

    // The phases. WAITING is set by the owner under the notify's lock; NOTIFIED_* by a notifier
    // under the lock; DONE by the owner once it returned Ready or was closed.
    static final int INIT = 0;
    static final int WAITING = 1;
    static final int NOTIFIED_FIFO = 2; // picked by notifyOne: pass it on in FIFO order if closed
    static final int NOTIFIED_LIFO = 3; // picked by notifyLast: pass it on in LIFO order if closed
    static final int NOTIFIED_ALL = 4; // taken by notifyWaiters: nothing to pass on
    static final int DONE = 5;

    private final Notify notify;
    final long generation; // notifyWaiters() calls before this future was created

    // Written with release stores (setPhaseRelease), read by the owner with getAcquire: a NOTIFIED_*
    // seen there carries everything the notifier did before notifying.
    private volatile int phase;

    // Guarded by the notify's lock (see NotifyList).
    Notified prev;
    Notified next;
    boolean linked;
    private Waker waker;

    Notified(Notify notify, long generation) {
        this.notify = notify;
        this.generation = generation;
    }

    /**
     * Completes if notified, otherwise registers the task's waker.
     *
     * @param cx the context of this poll
     * @return {@code Ready(null)} once notified, else {@code Pending}
     * @throws IllegalStateException if it already returned {@code Ready} or was closed
     */
    @Override
    public Poll<Void> poll(Context cx) {
        int p = phaseAcquire();
        if (p == DONE) {
            throw new IllegalStateException("Notified polled after it completed or was closed");
        }
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        if (p == INIT) {
            if (!notify.pollFirst(this, cx.waker())) {
                Budget.refund(cx);
                return Poll.pending();
            }
        } else if (p == WAITING && notify.stillWaiting(this, cx.waker())) {
            Budget.refund(cx);
            return Poll.pending();
        }
        // Notified (now or before); for WAITING re-read under the lock in stillWaiting, which
        // also orders the notifier's writes before ours.
        setPhaseRelease(DONE);
        return Poll.ready(null);
    }

    /**
     * Cancels the wait: leaves the queue, or passes on a notification that was given to this
     * future but not yet returned. Does nothing after {@code Ready}; idempotent.
     */
    @Override
    public void close() {
        int p = phaseAcquire();
        if (p == WAITING || p == NOTIFIED_FIFO || p == NOTIFIED_LIFO) {
            notify.cancel(this);
        } else {
            setPhaseRelease(DONE);
        }
    }

    /** Stores {@code w} unless the stored waker already wakes the same task; under the lock. */
    void setWaker(Waker w) {
        Waker old = waker;
        if (old == null || !old.willWake(w)) {
            waker = w;
        }
    }

    /** Takes the waker out, so it is called once and not retained; under the lock. */
    Waker takeWaker() {
        Waker w = waker;
        waker = null;
        return w;
    }

    int phase() {
        return phaseAcquire();
    }

    // ---- VarHandle mechanics ----

    private int phaseAcquire() {
        return (int) PHASE.getAcquire(this); // pairs with setPhaseRelease by a notifier
    }

    void setPhaseRelease(int p) {
        PHASE.setRelease(this, p);
    }

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(Notified.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
