package dev.weft.sync;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;

/**
 * The future behind every "wait for permits" method of this package: polls a
 * {@link FairSemaphore.Acquire}, turns the grant into the caller's object (a permit, a guard), and
 * withdraws the request when closed before it completed.
 *
 * <p>The first poll tries the semaphore's lock-free fast path and creates the queue node only if
 * it must wait, so an uncontended acquire allocates no node.
 *
 * @param <R> what the caller receives for the permits
 */
abstract class PermitFuture<R> implements Future<R>, AutoCloseable {

    private final FairSemaphore sem;
    private final long permits;
    private FairSemaphore.Acquire waiter; // created on the first poll that has to wait
    private boolean done;

    PermitFuture(FairSemaphore sem, long permits) {
        this.sem = sem;
        this.permits = permits;
    }

    /** @return the caller's object for the permits just acquired */
    abstract R acquired();

    /** @return the error to throw when the semaphore was closed */
    abstract RuntimeException closed();

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
            o = sem.tryAcquire(permits);
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
                yield Poll.ready(acquired());
            }
            case PENDING -> {
                Budget.refund(cx);
                yield Poll.pending();
            }
            case CLOSED -> {
                done = true;
                throw closed();
            }
            case NO_PERMITS -> throw new AssertionError("a queued acquire never answers NO_PERMITS");
        };
    }

    /** Withdraws the request; permits granted but not yet returned by {@code poll} are passed on. */
    @Override
    public final void close() {
        done = true;
        if (waiter != null) {
            waiter.cancel();
        }
    }
}
