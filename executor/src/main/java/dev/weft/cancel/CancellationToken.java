package dev.weft.cancel;

import dev.weft.Future;
import dev.weft.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A signal that tells a group of tasks to stop. Any thread may {@link #cancel()} it, once; tasks
 * find out by polling {@link #cancelled()}, by checking {@link #isCancelled()}, or by running their
 * work under {@link #runUntilCancelled(Future)}. Tokens form a tree: cancelling a token cancels all
 * its {@linkplain #child() children}, never its parent.
 *
 * <pre>{@code
 * CancellationToken shutdown = new CancellationToken();
 * for (int i = 0; i < 4; i++) {
 *     CancellationToken mine = shutdown.child();
 *     runtime.spawn(Futures.select(worker(i), mine.cancelled()));
 * }
 * ...
 * shutdown.cancel();                              // every worker's cancelled() becomes ready
 * }</pre>
 *
 * <p>Memory effects: actions in a thread before it calls {@code cancel()} happen-before
 * {@code isCancelled()} returns {@code true} and before a {@code cancelled()} future returns
 * {@code Ready}, on this token and on every descendant.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Each token has its own monitor, {@link #lock}, guarding its waiter list ({@link #head},
 * {@link #tail}, {@link #waiterCount}), its child list ({@link #firstChild}, and the sibling links of
 * its children), and the transition of {@link #cancelled} from {@code false} to {@code true}.
 *
 * <ul>
 *   <li><b>No lost wake-up.</b> A waiter links itself only while holding the lock and only after it
 *       re-read {@code cancelled} there as {@code false}; {@code cancel()} sets {@code cancelled}
 *       and takes the whole list under the same lock. So a waiter is either in the list that
 *       {@code cancel()} takes (and is woken) or sees {@code cancelled} (and is ready).
 *   <li><b>Nothing left behind.</b> A waiter links itself on its first {@code Pending} poll, not at
 *       creation, and unlinks itself in {@code close()} (O(1), doubly linked). After
 *       {@code cancel()} the list belongs to the canceller: nobody links into or unlinks from a
 *       cancelled token, so the canceller walks it without the lock. A child unlinks itself from its
 *       parent when it is cancelled.
 *   <li><b>No two locks at once.</b> {@code cancel()} holds only its own lock; it wakes waiters and
 *       cancels children after releasing it, the children one after another from a work list
 *       (no recursion, so a deep chain of tokens cannot overflow the stack). A child unlinking
 *       itself holds only the parent's lock. So there is no lock order to get wrong, and no waker
 *       runs under a lock.
 *   <li><b>Fast path.</b> {@code cancelled} is also read without the lock ({@link #isCancelled()}
 *       and the waiter's first check), with acquire semantics, pairing with the release store in
 *       {@link #markCancelled()}: a reader that sees {@code true} sees everything before
 *       {@code cancel()}. A reader that sees {@code false} takes the lock before relying on it.
 * </ul>
 */
public final class CancellationToken {

    private final CancellationToken parent; // null for a root; final, so safely published
    private final Object lock = new Object(); // guards the lists and the cancelled transition

    // Written only under lock, false -> true once (release, see markCancelled); read under lock, or
    // without it by getAcquire (see isCancelled).
    private boolean cancelled;

    // The waiter list, guarded by lock; taken whole (and no longer touched) by cancel().
    private WaitForCancellation head;
    private WaitForCancellation tail;
    private int waiterCount;

    // The child list, guarded by lock (this token's); taken whole by cancel().
    private CancellationToken firstChild;
    private int childCount;
    // This token's links in its parent's child list, guarded by the parent's lock.
    private CancellationToken prevSibling;
    private CancellationToken nextSibling;
    private boolean linkedToParent;

    /**
     * Creates a root token, not cancelled.
     *
     * <pre>{@code
     * CancellationToken token = new CancellationToken();
     * }</pre>
     */
    public CancellationToken() {
        this.parent = null;
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /**
     * Creates a child token: cancelling this token (or any ancestor) cancels the child too, while
     * cancelling the child affects nothing above it. A child created from a cancelled token starts
     * cancelled. A child stays registered with this token until either is cancelled, so cancel a
     * child you are done with (a {@link #guard()} does it for you).
     *
     * <pre>{@code
     * try (CancellationToken.Guard request = server.child().guard()) {
     *     handle(conn, request.token());            // stops when the server stops, or the request ends
     * }
     * }</pre>
     *
     * @return a new child token
     */
    public CancellationToken child() {
        CancellationToken c = new CancellationToken(this);
        synchronized (lock) {
            if (cancelled) {
                c.markCancelled(); // not yet published: the caller hands c on like any object
            } else {
                linkChild(c);
            }
        }
        return c;
    }

    /**
     * Cancels this token and all its descendants, and wakes every task waiting in
     * {@link #cancelled()} on any of them. Idempotent; safe from any thread. The wakers run on the
     * calling thread, after every lock has been released.
     *
     * <pre>{@code
     * Runtime.getRuntime().addShutdownHook(new Thread(token::cancel));
     * }</pre>
     */
    public void cancel() {
        ArrayDeque<CancellationToken> work = null;
        CancellationToken t = this;
        while (t != null) {
            CancellationToken kids = t.cancelOne();
            for (CancellationToken c = kids; c != null; c = c.nextSibling) {
                if (work == null) {
                    work = new ArrayDeque<>();
                }
                work.push(c);
            }
            t = work == null ? null : work.poll();
        }
        CancellationToken p = parent;
        if (p != null) {
            p.unlinkChild(this);
        }
    }

    /**
     * Cancels this token only: marks it, takes its lists, wakes its waiters.
     *
     * @return the first of its children, to be cancelled by the caller (their sibling links are
     *     frozen: nobody touches the child list of a cancelled token)
     */
    private CancellationToken cancelOne() {
        WaitForCancellation waiters;
        CancellationToken kids;
        synchronized (lock) {
            if (cancelled) {
                return null;
            }
            markCancelled();
            waiters = head;
            kids = firstChild;
            head = tail = null;
            firstChild = null;
            waiterCount = 0;
            childCount = 0;
        }
        for (WaitForCancellation w = waiters; w != null; w = w.next) {
            w.waker.wake(); // frozen since markCancelled(): see WaitForCancellation's overview
        }
        return kids;
    }

    /**
     * Tells whether this token has been cancelled (directly or through an ancestor). Once
     * {@code true}, always {@code true}.
     *
     * <pre>{@code
     * while (!token.isCancelled() && batch.hasMore()) { batch.step(); }
     * }</pre>
     *
     * @return whether {@link #cancel()} has been called on this token or an ancestor
     */
    public boolean isCancelled() {
        return isCancelledAcquire();
    }

    /**
     * Returns a future that becomes ready once this token is cancelled; ready at its first poll if it
     * already is. The future registers its task's waker on its first {@code Pending} poll and
     * unregisters it on {@code close()}, so creating and dropping (closing) millions of them against
     * one long-lived token leaves nothing behind. Combinators and the runtime close futures for
     * you; a hand-written state machine that drops one after polling it must close it.
     *
     * <p>Cancel safety: fully cancel-safe. Losing a {@code select} loses nothing; a fresh
     * {@code cancelled()} future later sees the same state.
     *
     * <pre>{@code
     * Futures.Selected<Object> s = runtime.blockOn(Futures.select(job, token.cancelled()));
     * if (s.index() == 1) { rollBack(); }
     * }</pre>
     *
     * @return a new future of {@code null}, {@link AutoCloseable}; polling it after it returned
     *     throws {@link IllegalStateException}
     */
    public Future<Void> cancelled() {
        return new WaitForCancellation(this);
    }

    /**
     * Runs {@code future} until it finishes or this token is cancelled, whichever comes first. The
     * token is checked first on every poll, so once it is cancelled the future is not polled again.
     *
     * <p>On cancellation of the token: {@code future} is cancelled (closed, or aborted if it is a
     * {@link dev.weft.JoinHandle}) and the returned future throws
     * {@link java.util.concurrent.CancellationException}. On failure of {@code future}: its
     * exception propagates. Closing the returned future cancels {@code future}, then drops the
     * waiter registration.
     *
     * <pre>{@code
     * try {
     *     Report r = runtime.blockOn(token.runUntilCancelled(buildReport()));
     * } catch (CancellationException stopped) {
     *     log.info("report abandoned: shutting down");
     * }
     * }</pre>
     *
     * @param future the work, owned by the returned future from now on
     * @param <T>    its value type
     * @return a future of the work's value
     */
    public <T> Future<T> runUntilCancelled(Future<T> future) {
        return new RunUntilCancelled<>(this, Objects.requireNonNull(future, "future"));
    }

    /**
     * Returns a guard that cancels this token when closed, unless {@linkplain Guard#disarm()
     * disarmed}: ties the token's life to a try-with-resources block.
     *
     * <pre>{@code
     * try (CancellationToken.Guard g = new CancellationToken().guard()) {
     *     runtime.spawn(poller(g.token()));
     *     runtime.blockOn(mainWork());
     * }                                            // the poller is told to stop, even on an exception
     * }</pre>
     *
     * @return a new guard for this token
     */
    public Guard guard() {
        return new Guard(this);
    }

    /**
     * Cancels its token on {@link #close()}, unless {@link #disarm() disarmed}; see
     * {@link CancellationToken#guard()}. Used by one thread, in a try-with-resources block.
     *
     * <pre>{@code
     * try (var g = token.child().guard()) {
     *     if (quick) { g.disarm(); }                // keep the child alive beyond the block
     * }
     * }</pre>
     */
    public static final class Guard implements AutoCloseable {
        private CancellationToken token; // null once disarmed or closed

        private Guard(CancellationToken token) {
            this.token = token;
        }

        /**
         * @return the guarded token
         * @throws IllegalStateException if the guard was disarmed or closed
         */
        public CancellationToken token() {
            CancellationToken t = token;
            if (t == null) {
                throw new IllegalStateException("guard already disarmed or closed");
            }
            return t;
        }

        /**
         * Lets go of the token without cancelling it.
         *
         * @return the token
         * @throws IllegalStateException if the guard was disarmed or closed
         */
        public CancellationToken disarm() {
            CancellationToken t = token();
            token = null;
            return t;
        }

        /** Cancels the token unless disarmed; idempotent. */
        @Override
        public void close() {
            CancellationToken t = token;
            token = null;
            if (t != null) {
                t.cancel();
            }
        }
    }

    // ------------------------------------------------------------------------------ waiter list

    /**
     * Links a waiter unless the token is cancelled. Called by the waiter's owner.
     *
     * @return {@code false} if the token is cancelled (nothing linked)
     */
    boolean register(WaitForCancellation w, Waker waker) {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            w.waker = waker;
            w.prev = tail;
            if (tail == null) {
                head = w;
            } else {
                tail.next = w;
            }
            tail = w;
            waiterCount++;
            return true;
        }
    }

    /**
     * Replaces a registered waiter's waker unless the token is cancelled.
     *
     * @return {@code false} if the token is cancelled
     */
    boolean updateWaker(WaitForCancellation w, Waker waker) {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            w.waker = waker;
            return true;
        }
    }

    /** Unlinks a registered waiter; nothing to do once the token is cancelled (the list is gone). */
    void unregister(WaitForCancellation w) {
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            WaitForCancellation p = w.prev;
            WaitForCancellation n = w.next;
            if (p == null) {
                head = n;
            } else {
                p.next = n;
            }
            if (n == null) {
                tail = p;
            } else {
                n.prev = p;
            }
            w.prev = w.next = null;
            w.waker = null;
            waiterCount--;
        }
    }

    /** @return the number of registered waiters (for tests: proves closed waiters leave nothing) */
    int waiterCount() {
        synchronized (lock) {
            return waiterCount;
        }
    }

    /** @return the number of linked children (for tests) */
    int childCount() {
        synchronized (lock) {
            return childCount;
        }
    }

    // ------------------------------------------------------------------------------ child list

    /** Links a new child; caller holds {@link #lock} and has seen this token not cancelled. */
    private void linkChild(CancellationToken c) {
        c.nextSibling = firstChild;
        if (firstChild != null) {
            firstChild.prevSibling = c;
        }
        firstChild = c;
        c.linkedToParent = true;
        childCount++;
    }

    /** Unlinks a child that was cancelled; nothing to do if this token is cancelled (list taken). */
    private void unlinkChild(CancellationToken c) {
        synchronized (lock) {
            if (cancelled || !c.linkedToParent) {
                return;
            }
            CancellationToken p = c.prevSibling;
            CancellationToken n = c.nextSibling;
            if (p == null) {
                firstChild = n;
            } else {
                p.nextSibling = n;
            }
            if (n != null) {
                n.prevSibling = p;
            }
            c.prevSibling = c.nextSibling = null;
            c.linkedToParent = false;
            childCount--;
        }
    }

    @Override
    public String toString() {
        return "CancellationToken[" + (isCancelled() ? "cancelled" : "active") + "]";
    }

    // ------------------------------------------------------------------------------ VarHandle mechanics

    private static final VarHandle CANCELLED;

    static {
        try {
            CANCELLED = MethodHandles.lookup().findVarHandle(CancellationToken.class, "cancelled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Release store, under {@link #lock}; pairs with {@link #isCancelledAcquire()}. */
    private void markCancelled() {
        CANCELLED.setRelease(this, true);
    }

    /** Acquire load, without the lock; pairs with {@link #markCancelled()}. */
    boolean isCancelledAcquire() {
        return (boolean) CANCELLED.getAcquire(this);
    }
}
