package dev.weft.internal.scheduler;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.internal.blocking.BlockingPool;
import dev.weft.internal.runtime.RuntimeConfig;
import dev.weft.internal.runtime.RuntimeContext;
import dev.weft.internal.runtime.RuntimeThread;
import dev.weft.internal.runtime.Scheduler;
import dev.weft.internal.runtime.ThreadWaker;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.task.Schedule;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work-stealing multi-thread runtime: the parts its workers share.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>A task is scheduled onto the worker whose thread wakes it ({@link Worker#scheduleLocal}),
 * or, from any other thread, onto the lock-free {@link InjectQueue}, after which one parked worker
 * is woken if no worker is already searching ({@link Idle}). Workers balance load by stealing.
 *
 * <p>Shutdown: {@link #shutdown(long)} raises {@code shutdown} and unparks every worker. Each
 * worker notices within {@code eventInterval} ticks, cancels what is in its own queue and LIFO slot
 * and exits; the last worker out cancels the idle tasks ({@link OwnedTasks}) and whatever is in the
 * inject queue. A wake that races with this pushes to the inject queue and then sees
 * {@code shutdown} (the push's exchange and the flag form a Dekker pair with the closer's write and
 * drain), so it drains the queue itself: no task is left uncancelled.
 */
public final class MultiThreadScheduler extends Scheduler implements Schedule {

    final Worker[] workers;
    private final Thread[] threads;
    final InjectQueue inject = new InjectQueue();
    final Idle idle;
    private final OwnedTasks owned;
    private final AtomicInteger liveWorkers;
    private final CountDownLatch terminated = new CountDownLatch(1);

    /** Set once; volatile: pairs with the inject-queue exchange of racing wakes (see above). */
    private volatile boolean shutdown;

    /** @param config a multi-thread configuration */
    public MultiThreadScheduler(RuntimeConfig config) {
        super(config);
        int n = config.workers();
        this.workers = new Worker[n];
        this.threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i, config.localQueueCapacity());
        }
        this.idle = new Idle(n);
        this.owned = new OwnedTasks(n);
        this.liveWorkers = new AtomicInteger(n);
    }

    @Override
    public void start() {
        // Name every thread before starting any: a failing name function must not leave some
        // workers running behind a build() that threw.
        for (int i = 0; i < workers.length; i++) {
            threads[i] = new WorkerThread(this, workers[i], config.workerNames().get());
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    // ---------------------------------------------------------------- spawning and waking

    @Override
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        if (shutdown) {
            throw rejected();
        }
        RawTask<T> task = new RawTask<>(future, this);
        schedule(task);
        return task;
    }

    @Override
    public void schedule(RawTask<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.scheduleLocal(task);
        } else {
            scheduleRemote(task);
        }
    }

    @Override
    public void yieldTask(RawTask<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.scheduleYield(task);
        } else {
            scheduleRemote(task);
        }
    }

    private void scheduleRemote(RawTask<?> task) {
        inject.push(task);
        if (shutdown) {
            inject.drain(RawTask::shutdown); // the closer may have drained before our push
            return;
        }
        notifyParked();
    }

    /** @return this runtime's worker running on the current thread, or {@code null} */
    private Worker currentWorker() {
        return Thread.currentThread() instanceof WorkerThread t && t.scheduler() == this ? t.worker : null;
    }

    /** Wakes a parked worker if nobody is searching for work already. */
    void notifyParked() {
        int i = idle.workerToNotify();
        if (i >= 0) {
            workers[i].parker.unpark();
        }
    }

    /** @return whether any queue a searcher looks at has work (the last searcher's re-check) */
    boolean hasWorkPending() {
        if (!inject.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (w.hasStealableWork()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- tracking idle tasks

    @Override
    public boolean track(RawTask<?> task) {
        Worker w = currentWorker();
        return owned.add(task, w == null ? 0 : w.index);
    }

    @Override
    public void untrack(RawTask<?> task) {
        owned.remove(task);
    }

    // ---------------------------------------------------------------- blockOn

    @Override
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        checkMayBlock(future);
        RuntimeContext.Frame prev = RuntimeContext.enter(this, true);
        try {
            ThreadWaker waker = new ThreadWaker();
            return pollUntilReady(future, waker, new Context(waker));
        } finally {
            RuntimeContext.exit(prev);
            closeQuietly(future);
        }
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean shutdown(long timeoutNanos) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        if (currentWorker() != null) {
            throw new IllegalStateException("a Weft runtime cannot be closed from one of its own worker threads"
                    + " (it would wait for itself); close it from outside, or use shutdownBackground()");
        }
        shutdown = true;
        for (Worker w : workers) {
            w.parker.unpark();
        }
        boolean workersDone = awaitTermination(deadline);
        for (Thread t : threads) {
            // join the threads themselves, so their onThreadStop hooks have run when close returns
            workersDone &= t == null || BlockingPool.join(t, deadline);
        }
        boolean blockingDone = blocking.shutdown(deadline);
        return workersDone && blockingDone;
    }

    /** Starts shutdown without waiting; the last worker out finishes it. */
    @Override
    public void shutdownBackground() {
        shutdown = true;
        for (Worker w : workers) {
            w.parker.unpark();
        }
        blocking.shutdown(System.nanoTime());
    }

    private boolean awaitTermination(long deadline) {
        try {
            if (deadline == Long.MAX_VALUE) {
                terminated.await();
                return true;
            }
            return terminated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called by each worker as it exits; the last one cancels what no worker holds. */
    void workerExited() {
        if (liveWorkers.decrementAndGet() == 0) {
            owned.closeAndDrain(RawTask::shutdown); // closes their sleeps: timers unlink
            inject.drain(RawTask::shutdown);
            time.shutdown();
            terminated.countDown();
        }
    }

    /**
     * @return whether nothing can happen until a timer fires: every worker parked, nothing queued,
     *     no blocking call running (the condition for auto-advancing paused time)
     */
    boolean isIdle() {
        if (idle.unparkedCount() != 0 || !inject.isEmpty() || blocking.busyCount() != 0 || activeBlockOnThreads() != 0) {
            return false;
        }
        for (Worker w : workers) {
            if (w.holdsWork()) {
                return false;
            }
        }
        return true;
    }


    /** @return idle tasks currently tracked (tests) */
    public int trackedTaskCount() {
        return owned.size();
    }

    /** A worker's thread: carries its worker, so a wake can tell in one type check where it runs. */
    static final class WorkerThread extends RuntimeThread {
        final Worker worker;

        WorkerThread(Scheduler scheduler, Worker worker, String name) {
            super(scheduler, true, worker, name);
            this.worker = worker;
        }
    }
}
