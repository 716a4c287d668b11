package dev.weft.internal.task;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.internal.runtime.ContextAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A spawned task: the future, its state word, its output, and the glue that polls it. One object
 * serves as the run-queue entry, the task's {@link Waker} and its {@link JoinHandle}, so a spawn
 * allocates exactly one object besides the user's future.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The thread that wins {@link TaskState#transitionToRunning()} owns {@link #future} until it
 * gives RUNNING up; no other thread reads it. {@link #output} is written once by the owner before
 * {@link TaskState#transitionToComplete()} and read by joiners after they see COMPLETE.
 * {@link #joinWaker} follows the JOIN_WAKER bit (see {@link TaskState}). {@link #queueNext} links
 * the task into the inject queue, which it is in at most once at a time. The {@code owned*} fields
 * belong to {@link OwnedTasks}, under its locks.
 *
 * <p>The future is closed before completion is published, so whatever it held (a permit, a
 * socket) is released by the time a joiner sees the result.
 *
 * @param <T> the task's result type
 */
public class RawTask<T> extends TaskState implements JoinHandle<T>, Waker {

    private static final ContextAccess CX = ContextAccess.get();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final Schedule scheduler;
    private Future<T> future; // owned by the RUNNING holder
    private Object output; // T or Failure; written before COMPLETE, read after it
    private Waker joinWaker; // written by the joiner while JOIN_WAKER is clear, read by the completer
    private volatile long id; // assigned on first request; 0 = none yet

    /** Link of the inject queue (see {@code InjectQueue}); a task is in it at most once at a time. */
    private volatile RawTask<?> queueNext;

    // Owned-task list links, guarded by the OwnedTasks shard monitor; ownedShard is -1 when untracked.
    RawTask<?> ownedPrev;
    RawTask<?> ownedNext;
    int ownedShard = -1;

    /**
     * @param future    the future to run
     * @param scheduler where wakes send the task
     */
    public RawTask(Future<T> future, Schedule scheduler) {
        this.future = future;
        this.scheduler = scheduler;
    }

    // ---------------------------------------------------------------- harness (scheduler side)

    /**
     * Polls the task once, or cancels it if it was aborted; called by the thread that dequeued it.
     *
     * @param cx the context to reuse for the poll
     */
    public final void run(Context cx) {
        switch (transitionToRunning()) {
            case SUCCESS -> poll(cx, Budget.PER_POLL);
            case CANCELLED -> cancelOwned();
            case FAILED -> { } // stale entry: shut down or completed elsewhere
        }
    }

    private void poll(Context cx, int budget) {
        Poll<T> p;
        CX.reset(cx, this, budget);
        try {
            p = future.poll(cx);
        } catch (Throwable t) {
            CX.clear(cx);
            Throwable cause = t instanceof CheckedFailure c ? c.getCause() : t;
            complete(new Failure(JoinError.panic(id(), cause), true));
            return;
        }
        boolean yielded = CX.clear(cx);
        if (p instanceof Poll.Ready<T> r) {
            complete(r.value());
            return;
        }
        if (yielded) {
            // the poll asked for the back of the queue: one transition, RUNNING -> NOTIFIED
            if (transitionToIdleNotified() == IdleOutcome.CANCELLED) {
                cancelOwned();
            } else {
                scheduler.yieldTask(this);
            }
            return;
        }
        // Track before going idle, or shutdown could miss a task that is in no queue. A task that is
        // already notified stays notified until it is polled again, so it cannot go idle now.
        if (ownedShard < 0 && !isNotifiedNow() && !scheduler.track(this)) {
            cancelOwned();
            return;
        }
        switch (transitionToIdle()) {
            case OK -> { }
            case OK_NOTIFIED -> scheduler.yieldTask(this);
            case CANCELLED -> cancelOwned();
        }
    }

    private boolean isNotifiedNow() {
        return (snapshot() & NOTIFIED) != 0;
    }

    /** Cancels a task the caller owns (RUNNING held). */
    private void cancelOwned() {
        complete(new Failure(JoinError.cancelled(id()), false));
    }

    private void complete(Object out) {
        Future<T> f = future;
        future = null;
        closeFuture(f);
        output = out;
        int prev = transitionToComplete();
        if (ownedShard >= 0) {
            scheduler.untrack(this);
        }
        Failure failure = out instanceof Failure x ? x : null;
        if (hasJoinWaker(prev)) {
            // Woken even if detached meanwhile: its poll then fails loudly instead of waiting forever.
            // Not cleared afterwards: a joiner that saw JOIN_WAKER just before completion may still
            // read the field (willWake) and must not find it null.
            joinWaker.wake();
        }
        if (!hasJoinInterest(prev)) {
            output = null; // detached: nobody will read it
            if (failure != null && !failure.observed) {
                FailureReporter.reportNow(failure);
            }
        } else if (failure != null && !failure.observed && !hasJoinWaker(prev)) {
            FailureReporter.reportIfNeverObserved(this, failure);
        }
    }

    private void closeFuture(Future<T> f) {
        if (f instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Throwable t) {
                FailureReporter.reportCloseFailure(id(), t);
            }
        }
    }

    /**
     * Cancels the task for runtime shutdown: at once if no thread is polling it, otherwise its
     * poller does so when the poll returns. Safe to call more than once and from any thread.
     */
    public final void shutdown() {
        if (transitionToShutdown()) {
            cancelOwned();
        }
    }

    // ---------------------------------------------------------------- Waker

    @Override
    public final void wake() {
        if (transitionToNotified() == WakeOutcome.SUBMIT) {
            scheduler.schedule(this);
        }
    }

    // ---------------------------------------------------------------- JoinHandle

    @Override
    public final Poll<T> poll(Context cx) {
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        if (!isComplete() && !registerJoinWaker(cx.waker())) {
            Budget.refund(cx);
            return Poll.pending();
        }
        return Poll.ready(takeOutput());
    }

    /** @return {@code false} if the waker is registered and the task not complete */
    private boolean registerJoinWaker(Waker w) {
        if (!hasJoinWaker()) {
            joinWaker = w;
            return !trySetJoinWaker();
        }
        if (joinWaker.willWake(w)) {
            return false;
        }
        if (!tryUnsetJoinWaker()) {
            return true;
        }
        joinWaker = w;
        return !trySetJoinWaker();
    }

    @SuppressWarnings("unchecked")
    private T takeOutput() {
        Object out = output;
        if (out instanceof Failure f) {
            f.observed = true;
            throw f.error;
        }
        if (out == null && !hasJoinInterestNow()) {
            throw new IllegalStateException("task " + id() + " was detached: its result was discarded");
        }
        return (T) out;
    }

    private boolean hasJoinInterestNow() {
        return hasJoinInterest(snapshot());
    }

    @Override
    public final void abort() {
        if (transitionToCancelled() == WakeOutcome.SUBMIT) {
            scheduler.schedule(this);
        }
    }

    @Override
    public final boolean isFinished() {
        return isComplete();
    }

    @Override
    public final void detach() {
        if (!tryUnsetJoinInterest()) {
            Object out = output;
            output = null;
            if (out instanceof Failure f && !f.observed) {
                f.observed = true;
                FailureReporter.reportNow(f);
            }
        }
    }

    @Override
    public final long id() {
        long i = id;
        if (i != 0) {
            return i;
        }
        long fresh = NEXT_ID.getAndIncrement();
        // a racing caller may have assigned one first; everybody keeps the winner's
        long witness = (long) ID.compareAndExchange(this, 0L, fresh);
        return witness == 0L ? fresh : witness;
    }

    // ---------------------------------------------------------------- inject-queue link

    /** @return the next task in the inject queue (acquire: pairs with {@link #linkNextInQueue}) */
    public final RawTask<?> nextInQueue() {
        return queueNext;
    }

    /**
     * Links the next task; a release store, so the consumer that reads it sees the task's contents.
     *
     * @param next the task behind this one
     */
    public final void linkNextInQueue(RawTask<?> next) {
        QUEUE_NEXT.setRelease(this, next);
    }

    /** Clears the link before a push; published by the push's own atomic exchange. */
    public final void clearNextInQueue() {
        QUEUE_NEXT.set(this, (RawTask<?>) null);
    }

    @Override
    public String toString() {
        return "Task[id=" + id() + ", state=" + describe(snapshot()) + "]";
    }

    // ---- VarHandle mechanics ----

    private static final VarHandle ID;
    private static final VarHandle QUEUE_NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ID = l.findVarHandle(RawTask.class, "id", long.class);
            QUEUE_NEXT = l.findVarHandle(RawTask.class, "queueNext", RawTask.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
