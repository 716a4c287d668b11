package dev.weft.sync;

import dev.weft.Waker;
import dev.weft.internal.sync.WakeList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Wakes waiting tasks: one at a time ({@link #notifyOne()}, {@link #notifyLast()}) or all at once
 * ({@link #notifyWaiters()}). It carries no data; it tells a task that something it watches may have
 * changed, so the task checks again. The semantics are those of Tokio's {@code Notify}.
 *
 * <p>{@code notifyOne()} when nobody waits stores a <em>permit</em> (at most one: more calls while
 * one is stored change nothing), and the next {@link #notified()} future completes at its first
 * poll by taking it. So a notification sent between a task's check and its wait is not lost. A
 * {@code Notified} also remembers how many {@code notifyWaiters()} calls had happened when it was
 * created: one made after that completes it, even if it was not polled yet. Create the future
 * <em>before</em> checking the condition:
 *
 * <pre>{@code
 * // Takes an item, waiting while the queue is empty. The producer calls
 * // queue.add(item); notify.notifyOne();
 * final class Take implements Future<String>, AutoCloseable {
 *     private Notified notified;
 *
 *     public Poll<String> poll(Context cx) {
 *         for (;;) {
 *             if (notified == null) {
 *                 notified = notify.notified();   // first: a notification from now on is kept
 *                 String item = queue.poll();       // then check
 *                 if (item != null) {
 *                     close();
 *                     return Poll.ready(item);
 *                 }
 *             }
 *             if (!notified.poll(cx).isReady()) {
 *                 return Poll.pending();
 *             }
 *             notified.close();
 *             notified = null;                      // woken: check again
 *         }
 *     }
 *
 *     public void close() {
 *         if (notified != null) {
 *             notified.close();                     // passes on a notification it was given
 *             notified = null;
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Memory effects: actions in a thread before it calls {@code notifyOne()}, {@code notifyLast()}
 * or {@code notifyWaiters()} happen-before a {@code Notified} that this call completes (by waking
 * it, through the stored permit, or through the {@code notifyWaiters()} count) returns
 * {@code Ready}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>One word, {@link #state}, holds {@code generation << 2 | mode}: the generation counts
 * {@code notifyWaiters()} calls, the mode is {@code EMPTY}, {@code WAITING} (the list of waiters is
 * non-empty) or {@code NOTIFIED} (a permit is stored). The waiter list, {@link #waiters}, and every
 * queued {@link Notified}'s links, waker and phase transitions out of {@code WAITING} are guarded
 * by {@link #lock}.
 *
 * <ul>
 *   <li><b>Invariant.</b> The mode is {@code WAITING} exactly when the list is non-empty, so a
 *       stored permit and a queued waiter never coexist. {@code WAITING} is entered and left only
 *       under the lock; the generation changes only under the lock.
 *   <li><b>Fast paths, no lock.</b> {@code notifyOne()} when the mode is not {@code WAITING} CASes
 *       it to {@code NOTIFIED}; a first poll that finds {@code NOTIFIED} CASes it to {@code EMPTY}.
 *       Neither CAS can succeed on a {@code WAITING} word, which is why a lock holder may store the
 *       word plainly while it is {@code WAITING}.
 *   <li><b>No lost notification.</b> A first poll that must wait CASes {@code EMPTY} to
 *       {@code WAITING} under the lock, then links itself before unlocking. A racing
 *       {@code notifyOne()} either CASed {@code NOTIFIED} first (the poll's CAS fails, and it takes
 *       the permit) or sees {@code WAITING} and takes the lock, where it finds the waiter.
 *   <li><b>Generations.</b> {@code notifyWaiters()} adds one to the generation under the lock and
 *       takes the whole list. A {@code Notified} whose first poll sees another generation than the
 *       one it was created in is complete; a first poll that links itself did so under the lock,
 *       before the increment, and is in the list taken.
 *   <li><b>Cancel safety.</b> A notification given to a waiter (phase {@code NOTIFIED_ONE_*}) that
 *       is closed before it returned {@code Ready} goes through {@link #notifyLocked} again, in the
 *       same order (FIFO or LIFO) it was sent with, so it reaches the next waiter or becomes the
 *       permit. A queued waiter that is closed unlinks itself and, if it was the last, moves the
 *       mode back to {@code EMPTY}.
 * </ul>
 */
public final class Notify {

    static final long EMPTY = 0L;
    static final long WAITING = 1L;
    static final long NOTIFIED = 2L;
    private static final long MODE = 3L;
    private static final int GEN_SHIFT = 2;
    private static final long GEN_UNIT = 1L << GEN_SHIFT;

    // generation << 2 | mode. CASed by anyone in the modes EMPTY and NOTIFIED; entered and left
    // in WAITING, and the generation changed, only under lock. All accesses are volatile.
    private volatile long state;
    private final Object lock = new Object();
    private final NotifyList waiters = new NotifyList(); // guarded by lock

    /**
     * Creates a notify with no permit stored and nobody waiting.
     *
     * <pre>{@code
     * Notify configChanged = new Notify();
     * }</pre>
     */
    public Notify() {}

    /**
     * Returns a future that completes when this notify is notified: by a stored permit (taken at the
     * first poll), by a {@link #notifyOne()} or {@link #notifyLast()} that picks it while it waits,
     * or by a {@link #notifyWaiters()} made after this call. Nothing waits until the first poll,
     * which takes a stored permit or joins the queue; only the {@code notifyWaiters()} count is
     * captured now.
     *
     * <p>Cancel safety: cancel safe. Closing a {@code Notified} that waits removes it from the
     * queue; closing one that a {@code notifyOne()}/{@code notifyLast()} had picked, before it
     * returned {@code Ready}, passes that notification on to the next waiter, or stores it as the
     * permit. Dropping a {@code notifyWaiters()} wake-up loses nothing anyone else could use.
     *
     * <pre>{@code
     * Notified n = notify.notified();
     * if (!ready()) {
     *     runtime.blockOn(n);
     * }
     * }</pre>
     *
     * @return a new future, {@link AutoCloseable}; polling it after it returned {@code Ready} or
     *     was closed throws {@link IllegalStateException}
     */
    public Notified notified() {
        return new Notified(this, state >>> GEN_SHIFT);
    }

    /**
     * Wakes the task that has waited longest, or, if nobody waits, stores a permit for the next
     * {@link #notified()} future to take. At most one permit is stored: a call while one is
     * already stored adds nothing. Without a waiter it is one CAS and takes no lock.
     *
     * <pre>{@code
     * queue.add(job);
     * notify.notifyOne();      // one consumer checks the queue again
     * }</pre>
     */
    public void notifyOne() {
        notify(false);
    }

    /**
     * Like {@link #notifyOne()}, but wakes the task that started waiting most recently (LIFO): the
     * one whose state is most likely still in cache.
     *
     * <pre>{@code
     * pool.release(conn);
     * idle.notifyLast();       // the most recently parked borrower retries
     * }</pre>
     */
    public void notifyLast() {
        notify(true);
    }

    /**
     * Wakes every task waiting now, and completes every {@code Notified} created before this call
     * that has not been polled yet. Stores no permit: a {@code notified()} created after this call
     * is not affected by it.
     *
     * <pre>{@code
     * config = newConfig;
     * changed.notifyWaiters(); // every watcher reloads
     * }</pre>
     */
    public void notifyWaiters() {
        WakeList wake;
        synchronized (lock) {
            // An atomic add: the lock-free CASes of the mode bits may race with it; it leaves them.
            long s = getAndAddState(GEN_UNIT);
            if ((s & MODE) != WAITING) {
                return;
            }
            wake = new WakeList();
            Notified n;
            while ((n = waiters.pollFirst()) != null) {
                n.setPhaseRelease(Notified.NOTIFIED_ALL); // pairs with getAcquire in Notified.poll
                wake.add(n.takeWaker());
            }
            state = (s + GEN_UNIT) & ~MODE; // EMPTY; the word was WAITING: see the overview
        }
        wake.wakeAll();
    }

    private void notify(boolean lifo) {
        long s = state;
        while ((s & MODE) != WAITING) {
            // Also NOTIFIED -> NOTIFIED: the consumer's CAS then reads this write, which gives the
            // happens-before edge promised in the class Javadoc.
            long witness = caeState(s, (s & ~MODE) | NOTIFIED);
            if (witness == s) {
                return;
            }
            s = witness;
        }
        Waker w;
        synchronized (lock) {
            w = notifyLocked(lifo);
        }
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Gives one notification to the first (or last) waiter, or stores the permit if nobody waits.
     * Called under lock.
     *
     * @return the waker of the waiter picked, to call after unlocking; {@code null} if none
     */
    private Waker notifyLocked(boolean lifo) {
        for (;;) {
            long s = state;
            if ((s & MODE) != WAITING) {
                if (casState(s, (s & ~MODE) | NOTIFIED)) {
                    return null;
                }
                continue; // a lock-free notifyOne or permit taker moved the mode
            }
            Notified n = lifo ? waiters.pollLast() : waiters.pollFirst();
            if (waiters.isEmpty()) {
                state = s & ~MODE; // EMPTY; the word was WAITING: see the overview
            }
            // pairs with getAcquire in Notified.poll and Notified.close
            n.setPhaseRelease(lifo ? Notified.NOTIFIED_LIFO : Notified.NOTIFIED_FIFO);
            return n.takeWaker();
        }
    }

    /**
     * The first poll of {@code n}: complete it if its generation is over or a permit is stored,
     * else queue it with {@code waker}.
     *
     * @return {@code true} if {@code n} is complete; {@code false} if it is queued
     */
    boolean pollFirst(Notified n, Waker waker) {
        long s = state;
        if ((s >>> GEN_SHIFT) != n.generation) {
            return true;
        }
        while ((s & MODE) == NOTIFIED) {
            long witness = caeState(s, s & ~MODE);
            if (witness == s) {
                return true;
            }
            s = witness;
            if ((s >>> GEN_SHIFT) != n.generation) {
                return true;
            }
        }
        synchronized (lock) {
            for (;;) {
                s = state;
                if ((s >>> GEN_SHIFT) != n.generation) {
                    return true;
                }
                long mode = s & MODE;
                if (mode == NOTIFIED) {
                    if (casState(s, s & ~MODE)) {
                        return true;
                    }
                } else if (mode == WAITING || casState(s, s | WAITING)) {
                    break;
                }
            }
            n.setWaker(waker);
            n.setPhaseRelease(Notified.WAITING);
            waiters.addLast(n);
            return false;
        }
    }

    /**
     * A later poll of a queued {@code n}: store the new waker unless it was notified meanwhile.
     *
     * @return {@code true} if {@code n} is still queued
     */
    boolean stillWaiting(Notified n, Waker waker) {
        synchronized (lock) {
            if (n.phase() == Notified.WAITING) {
                n.setWaker(waker);
                return true;
            }
            return false;
        }
    }

    /** Closes {@code n}, queued or picked: unlink it, or pass its notification on. */
    void cancel(Notified n) {
        Waker w = null;
        synchronized (lock) {
            int p = n.phase();
            if (p == Notified.WAITING) {
                waiters.remove(n);
                if (waiters.isEmpty()) {
                    state = state & ~MODE; // EMPTY; the word was WAITING: see the overview
                }
            } else if (p == Notified.NOTIFIED_FIFO || p == Notified.NOTIFIED_LIFO) {
                w = notifyLocked(p == Notified.NOTIFIED_LIFO);
            }
            n.takeWaker();
            n.setPhaseRelease(Notified.DONE);
        }
        if (w != null) {
            w.wake();
        }
    }

    /** @return how many waiters are queued (a snapshot, for tests: closed waiters leave nothing) */
    int waiterCount() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    /** @return whether a permit is stored (a snapshot, for tests) */
    boolean hasPermit() {
        return (state & MODE) == NOTIFIED;
    }

    // ---- VarHandle mechanics ----

    private boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update);
    }

    /** @return the value witnessed: {@code expect} on success */
    private long caeState(long expect, long update) {
        return (long) STATE.compareAndExchange(this, expect, update);
    }

    private long getAndAddState(long delta) {
        return (long) STATE.getAndAdd(this, delta);
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Notify.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
