package dev.weft.internal.sync;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * The future behind every "wait for permits" operation: {@code Semaphore.acquire}, the lock
 * methods of {@code Mutex} and {@code RwLock}, and a bounded channel's {@code send} and
 * {@code reserve}. It polls a {@link FairSemaphore.Acquire}, turns the grant into the caller's
 * object (a permit, a guard, a sent message), and withdraws the request when closed before it
 * completed (the semaphore then passes on whatever had been granted).
 *
 * <p>The first poll tries the semaphore's lock-free fast path and creates the queue node only if
 * it must wait, so an uncontended acquire allocates no node. Every completed poll spends one unit
 * of the task's budget; a pending one is refunded.
 *
 * @param <R> what the caller receives
 */
public abstract class PermitFuture<R> implements Future<R>, AutoCloseable {

    private final FairSemaphore sem;
    private final long permits;
    private final long likelyFree; // the caller's guess of the free count, or -1: no guess
    private FairSemaphore.Acquire waiter; // created on the first poll that has to wait
    private boolean done;

    /**
     * @param sem     the semaphore
     * @param permits how many permits to wait for
     */
    protected PermitFuture(FairSemaphore sem, long permits) {
        this(sem, permits, -1);
    }

    /**
     * @param sem        the semaphore
     * @param permits    how many permits to wait for
     * @param likelyFree the free count the caller usually finds (a mutex: 1), so the first poll
     *                   tries one blind compare-and-set ({@link FairSemaphore#tryAcquire(long, long)});
     *                   -1 for no guess
     */
    protected PermitFuture(FairSemaphore sem, long permits, long likelyFree) {
        this.sem = sem;
        this.permits = permits;
        this.likelyFree = likelyFree;
    }

    /**
     * @return the ready outcome, now that the permits are the caller's (a {@code Poll}, so that a
     *     constant outcome can be a shared instance)
     */
    protected abstract Poll<R> acquired();

    /** @return the ready outcome when the semaphore is closed (or throws the error that means closed) */
    protected abstract Poll<R> closed();

    /** Runs after a request that had started waiting was withdrawn; nothing by default. */
    protected void withdrawn() {}

    @Override
    public final Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after it completed or was closed");
        }
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        FairSemaphore.Outcome o;
        if (waiter == null) {
            o = likelyFree < 0 ? sem.tryAcquire(permits) : sem.tryAcquire(permits, likelyFree);
            if (o == FairSemaphore.Outcome.NO_PERMITS) {
                waiter = sem.newAcquire(permits);
                o = waiter.poll(cx);
            }
        } else {
            o = waiter.poll(cx);
        }
        return switch (o) {
            case ACQUIRED -> {
                done = true;
                yield acquired();
            }
            case PENDING -> {
                Budget.refund(cx);
                yield Poll.pending();
            }
            case CLOSED -> {
                done = true;
                yield closed();
            }
            case NO_PERMITS -> throw new AssertionError("a queued acquire never answers NO_PERMITS");
        };
    }

    /** Withdraws the request; permits granted but not yet returned by {@code poll} are passed on. */
    @Override
    public final void close() {
        if (done) {
            return;
        }
        done = true;
        if (waiter != null) {
            waiter.cancel();
            withdrawn();
        }
    }
}
