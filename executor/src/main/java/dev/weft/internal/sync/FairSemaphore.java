package dev.weft.internal.sync;

import dev.weft.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fair (FIFO) counting semaphore whose waiters are futures: the core of {@code Semaphore},
 * {@code Mutex}, {@code RwLock}, {@code OnceCell} and the bounded mpsc channel's capacity. It
 * follows the design of Tokio's batch semaphore: a waiter may ask for many permits at once and
 * collects them as they are released, so a large request (a writer of an {@code RwLock}) is not
 * overtaken by a stream of small ones.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>One word, {@link #state}, holds {@code permits << 2 | WAITERS | CLOSED}. The waiter queue,
 * {@link #waiters}, is guarded by {@link #lock}, as is every {@link Acquire}'s {@code assigned}
 * count and waker.
 *
 * <ul>
 *   <li><b>Invariant.</b> {@code WAITERS} is set exactly when the queue is non-empty, and while it
 *       is set the word holds no permits: every released permit goes to the queue's head first.
 *       Both halves change only under the lock, by CAS (the fast paths below still CAS the word
 *       without the lock, so a lock holder must CAS too).
 *   <li><b>Fast paths, no lock.</b> {@link #tryAcquire} CASes permits out of the word when
 *       {@code WAITERS} is clear; {@link #release} CASes them in when {@code WAITERS} is clear. So
 *       an uncontended mutex costs one CAS to lock and one to unlock, like {@code ReentrantLock}.
 *       Fairness is kept because a fast acquire fails whenever anyone is queued. A caller that
 *       knows the usual state (a mutex: 1 free before lock, 0 before unlock) uses the guessed
 *       variants, whose first CAS expects exactly that word: no read before the CAS, and a wrong
 *       guess (a flag set, another count) only fails the CAS and takes the general path.
 *   <li><b>No lost hand-off.</b> An acquirer that must wait sets {@code WAITERS} (taking whatever
 *       permits are left as a partial grant) by a CAS under the lock, then links itself. A
 *       releaser's fast-path CAS either happened first (the acquirer's CAS fails and re-reads the
 *       permits) or sees {@code WAITERS} and takes the lock, where it finds the waiter.
 *   <li><b>Grants.</b> The releaser assigns permits to the head, unlinks a fully served waiter,
 *       publishes {@code GRANTED} with a release store of {@link Acquire#phase} (paired with the
 *       waiter's acquire load, so the releaser's writes happen-before the waiter proceeds), and
 *       wakes it after unlocking.
 *   <li><b>Cancel safety.</b> A waiter cancelled while queued unlinks itself and gives back its
 *       partial grant; one cancelled after its grant but before it saw it passes the whole grant
 *       on. Both go through {@link #giveLocked}, which serves the next waiters, so no permit is
 *       lost and no waiter is stranded behind a cancelled one.
 *   <li><b>Close.</b> {@link #close} sets {@code CLOSED}, clears {@code WAITERS}, takes the whole
 *       queue and fails every waiter; partial grants return to the count so
 *       {@link #availablePermits()} still adds up.
 * </ul>
 */
public final class FairSemaphore {

    /** The most permits a semaphore can hold (two bits of the state word are flags). */
    public static final long MAX_PERMITS = Long.MAX_VALUE >>> 2;

    private static final long CLOSED = 1L;
    private static final long WAITERS = 2L;
    private static final int SHIFT = 2;

    /** The outcome of a {@link #tryAcquire} or an {@link Acquire} poll. */
    public enum Outcome {
        /** The permits are the caller's. */
        ACQUIRED,
        /** Not enough permits now (or others are queued first). */
        NO_PERMITS,
        /** The waiter is queued; its waker is registered. */
        PENDING,
        /** The semaphore is closed. */
        CLOSED
    }

    // permits << 2 | WAITERS | CLOSED; CASed by anyone, WAITERS changed only under lock.
    private volatile long state;
    private final Object lock = new Object();
    private final WaitList<Acquire> waiters = new WaitList<>(); // guarded by lock

    /**
     * @param permits the initial permits, {@code 0..MAX_PERMITS}
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public FairSemaphore(long permits) {
        if (permits < 0 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException(
                    "permits must be between 0 and " + MAX_PERMITS + ", was " + permits);
        }
        this.state = permits << SHIFT;
    }

    /**
     * Takes {@code n} permits if they are free and nobody is queued.
     *
     * @param n the permits wanted, at least 0
     * @return {@code ACQUIRED}, {@code NO_PERMITS} or {@code CLOSED}
     */
    public Outcome tryAcquire(long n) {
        for (;;) {
            long s = state;
            if ((s & CLOSED) != 0) {
                return Outcome.CLOSED;
            }
            if ((s & WAITERS) != 0 || (s >>> SHIFT) < n) {
                return Outcome.NO_PERMITS;
            }
            if (casState(s, s - (n << SHIFT))) {
                return Outcome.ACQUIRED;
            }
        }
    }

    /**
     * {@link #tryAcquire(long)} for a caller that knows the state it usually finds: one blind
     * compare-and-set from exactly {@code likelyFree} permits and no flags, then the general path.
     * An uncontended mutex ({@code likelyFree == n == 1}) thus skips the read before its CAS.
     *
     * @param n          the permits wanted, at least 0
     * @param likelyFree the free count the caller expects, at least {@code n}
     * @return {@code ACQUIRED}, {@code NO_PERMITS} or {@code CLOSED}
     */
    public Outcome tryAcquire(long n, long likelyFree) {
        long s = likelyFree << SHIFT;
        if (n >= 0 && n <= likelyFree && likelyFree <= MAX_PERMITS && casState(s, s - (n << SHIFT))) {
            return Outcome.ACQUIRED;
        }
        return tryAcquire(n);
    }

    /**
     * {@link #release(long)} for a caller that knows the state it usually finds: one blind
     * compare-and-set from exactly {@code likelyFree} permits and no flags (for a mutex's unlock,
     * 0: it holds the only permit), then the general path.
     *
     * @param n          the permits, at least 1
     * @param likelyFree the free count the caller expects
     */
    public void release(long n, long likelyFree) {
        long s = likelyFree << SHIFT;
        if (n > 0 && likelyFree <= MAX_PERMITS - n && casState(s, s + (n << SHIFT))) {
            return;
        }
        release(n);
    }

    /**
     * Returns (or adds) {@code n} permits, serving queued waiters first in FIFO order.
     *
     * @param n the permits, at least 0
     * @throws IllegalArgumentException if the count would exceed {@link #MAX_PERMITS}
     */
    public void release(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot release a negative number of permits: " + n);
        }
        if (n == 0) {
            return;
        }
        for (;;) {
            long s = state;
            if ((s & WAITERS) != 0) {
                WakeList wake = new WakeList();
                synchronized (lock) {
                    giveLocked(n, wake);
                }
                wake.wakeAll();
                return;
            }
            checkRoom(s >>> SHIFT, n);
            if (casState(s, s + (n << SHIFT))) {
                return;
            }
        }
    }

    /**
     * Closes the semaphore: every queued waiter and every later acquire fails with
     * {@code CLOSED}. Releases still count, so permits held elsewhere can come back.
     *
     * @return whether this call closed it (false if it was closed already)
     */
    public boolean close() {
        WakeList wake = new WakeList();
        synchronized (lock) {
            long s;
            do {
                s = state;
                if ((s & CLOSED) != 0) {
                    return false;
                }
            } while (!casState(s, (s | CLOSED) & ~WAITERS));
            long back = 0;
            Acquire w;
            while ((w = waiters.pollFirst()) != null) {
                back += w.assigned;
                w.assigned = 0;
                w.setPhase(Acquire.CLOSED);
                wake.add(w.takeWaker());
            }
            addToState(back);
        }
        wake.wakeAll();
        return true;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /**
     * Tells, in one read of the state word, whether the semaphore is closed with exactly
     * {@code permits} free: for a channel, "closed and every slot back", so nothing is in flight.
     *
     * @param permits the count to compare with
     * @return whether it is closed and holds exactly {@code permits}
     */
    public boolean isClosedWith(long permits) {
        long s = state;
        return (s & CLOSED) != 0 && (s >>> SHIFT) == permits;
    }

    /** @return the permits free right now (not counting partial grants held by queued waiters) */
    public long availablePermits() {
        return state >>> SHIFT;
    }

    /** @return how many waiters are queued (a snapshot, for tests and metrics) */
    public int queuedWaiters() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    /**
     * Creates a waiter for {@code n} permits; nothing happens until it is polled.
     *
     * @param n the permits wanted, {@code 0..MAX_PERMITS}
     * @return the waiter
     */
    public Acquire newAcquire(long n) {
        if (n < 0 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(
                    "cannot acquire " + n + " permits (allowed: 0.." + MAX_PERMITS + ")");
        }
        return new Acquire(this, n);
    }

    /** Called under lock by a waiter's first slow poll: grant now, or queue it. */
    private Outcome enqueueLocked(Acquire a, Context cx) {
        for (;;) {
            long s = state;
            if ((s & CLOSED) != 0) {
                return Outcome.CLOSED;
            }
            long free = s >>> SHIFT;
            if ((s & WAITERS) == 0 && free >= a.needed) {
                if (casState(s, s - (a.needed << SHIFT))) {
                    return Outcome.ACQUIRED;
                }
                continue;
            }
            // Take what is left as a partial grant and raise WAITERS in the same step: from here a
            // releaser can only hand permits over under the lock, which we hold until linked.
            if (casState(s, WAITERS)) {
                a.assigned += free;
                break;
            }
        }
        a.setWaker(cx.waker());
        a.setPhase(Acquire.QUEUED);
        waiters.addLast(a);
        return Outcome.PENDING;
    }

    /**
     * Hands {@code n} permits to the queue in order; whatever is left when the queue is empty goes
     * back to the word, clearing {@code WAITERS} in the same CAS. Called under lock, also with
     * {@code n == 0} after a waiter left, to clear {@code WAITERS} when it was the last.
     */
    private void giveLocked(long n, WakeList wake) {
        Acquire head;
        while (n > 0 && (head = waiters.peekFirst()) != null) {
            long give = Math.min(head.needed - head.assigned, n);
            head.assigned += give;
            n -= give;
            if (head.assigned == head.needed) {
                waiters.remove(head);
                head.setPhase(Acquire.GRANTED);
                wake.add(head.takeWaker());
            }
        }
        if (waiters.isEmpty()) {
            addToState(n);
        }
    }

    /** Adds permits to the word and clears WAITERS (the queue is empty); under lock. */
    private void addToState(long n) {
        long s;
        do {
            s = state;
            checkRoom(s >>> SHIFT, n);
        } while (!casState(s, ((s >>> SHIFT) + n) << SHIFT | (s & CLOSED)));
    }

    private static void checkRoom(long current, long n) {
        if (n > MAX_PERMITS - current) {
            throw new IllegalArgumentException("adding " + n + " permits to " + current
                    + " would exceed the maximum of " + MAX_PERMITS);
        }
    }

    /**
     * One request for permits, polled by the future that owns it: first poll tries the fast path,
     * then queues; {@link #cancel()} from the owner's {@code close()} leaves without losing
     * permits.
     */
    public static final class Acquire extends WaitNode {
        static final int INIT = 0;
        static final int QUEUED = 1;
        static final int GRANTED = 2;
        static final int CLOSED = 3;
        static final int DONE = 4; // the outcome was returned (or the waiter cancelled)

        private final FairSemaphore sem;
        final long needed;
        long assigned; // guarded by sem.lock

        // Written under sem.lock with release stores (QUEUED/GRANTED/CLOSED) or by the owner after
        // it saw the outcome (DONE); read by the owner with getAcquire, pairing with those stores.
        private volatile int phase;

        Acquire(FairSemaphore sem, long needed) {
            this.sem = sem;
            this.needed = needed;
        }

        /** @return the permits this waiter asked for */
        public long permits() {
            return needed;
        }

        /**
         * Advances the request.
         *
         * @param cx the poll's context (its waker is registered when the outcome is PENDING)
         * @return {@code ACQUIRED}, {@code PENDING} or {@code CLOSED}
         */
        public Outcome poll(Context cx) {
            for (;;) {
                switch ((int) PHASE.getAcquire(this)) {
                    case INIT -> {
                        // No lock-free attempt here: a caller that wanted the fast path made it
                        // before creating this node, and enqueueLocked tries again under the lock.
                        Outcome o;
                        if (needed == 0) {
                            o = Outcome.ACQUIRED;
                        } else {
                            synchronized (sem.lock) {
                                o = sem.enqueueLocked(this, cx);
                            }
                        }
                        if (o != Outcome.PENDING) {
                            phase = DONE;
                        }
                        return o;
                    }
                    case QUEUED -> {
                        synchronized (sem.lock) {
                            if (phase == QUEUED) {
                                setWaker(cx.waker());
                                return Outcome.PENDING;
                            }
                        }
                        // granted or closed meanwhile: loop to read it
                    }
                    case GRANTED -> {
                        phase = DONE;
                        return Outcome.ACQUIRED;
                    }
                    case CLOSED -> {
                        phase = DONE;
                        return Outcome.CLOSED;
                    }
                    default -> throw new IllegalStateException(
                            "semaphore acquire polled after it completed or was cancelled");
                }
            }
        }

        /**
         * Withdraws the request if its outcome was not returned yet: a queued waiter leaves the
         * queue and its partial grant is passed on; a granted waiter passes the whole grant on.
         * After an outcome was returned this does nothing (the permits belong to the caller).
         */
        public void cancel() {
            int p = (int) PHASE.getAcquire(this);
            if (p != QUEUED && p != GRANTED) {
                phase = DONE;
                return;
            }
            WakeList wake = new WakeList();
            synchronized (sem.lock) {
                long give;
                if (phase == QUEUED) {
                    sem.waiters.remove(this);
                    give = assigned;
                } else if (phase == GRANTED) {
                    give = needed;
                } else {
                    give = -1; // closed meanwhile: nothing held
                }
                assigned = 0;
                waker = null;
                phase = DONE;
                if (give >= 0) {
                    sem.giveLocked(give, wake);
                }
            }
            wake.wakeAll();
        }

        void setPhase(int p) {
            PHASE.setRelease(this, p); // pairs with getAcquire in poll()/cancel()
        }

        private static final VarHandle PHASE;

        static {
            try {
                PHASE = MethodHandles.lookup().findVarHandle(Acquire.class, "phase", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    // ---- VarHandle mechanics ----

    private boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update);
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FairSemaphore.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
