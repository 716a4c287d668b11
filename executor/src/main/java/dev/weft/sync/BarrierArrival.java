package dev.weft.sync;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.WaitNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The future behind {@link Barrier#await()}: one task's arrival at one generation. Its waker and
 * links are guarded by the barrier's lock (see {@link WaitNode}).
 */
final class BarrierArrival extends WaitNode implements Future<BarrierWaitResult>, AutoCloseable {

    static final int INIT = 0; // not polled yet: not counted
    static final int WAITING = 1; // counted and queued; set by the owner under the lock
    static final int RELEASED = 2; // its generation completed; set by the leader under the lock
    static final int DONE = 3; // returned Ready or closed; set by the owner

    private final Barrier barrier;

    // Release stores (setPhaseRelease), read by the owner with getAcquire: RELEASED seen there
    // carries every arrival's writes, which the leader saw under the lock.
    private volatile int phase;

    BarrierArrival(Barrier barrier) {
        this.barrier = barrier;
    }

    @Override
    public Poll<BarrierWaitResult> poll(Context cx) {
        int p = phase();
        if (p == DONE) {
            throw new IllegalStateException("Barrier.await() polled after it completed or was closed");
        }
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        if (p == INIT) {
            if (barrier.arrive(this, cx.waker())) {
                setPhaseRelease(DONE);
                return Poll.ready(BarrierWaitResult.LEADER);
            }
            Budget.refund(cx);
            return Poll.pending();
        }
        if (p == WAITING && barrier.stillWaiting(this, cx.waker())) {
            Budget.refund(cx);
            return Poll.pending();
        }
        setPhaseRelease(DONE);
        return Poll.ready(BarrierWaitResult.FOLLOWER);
    }

    /** Withdraws the arrival if the generation is not complete; otherwise does nothing. */
    @Override
    public void close() {
        if (phase() == WAITING) {
            barrier.withdraw(this);
        } else {
            setPhaseRelease(DONE);
        }
    }

    // ---- VarHandle mechanics ----

    int phase() {
        return (int) PHASE.getAcquire(this); // pairs with setPhaseRelease
    }

    void setPhaseRelease(int p) {
        PHASE.setRelease(this, p);
    }

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(BarrierArrival.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
