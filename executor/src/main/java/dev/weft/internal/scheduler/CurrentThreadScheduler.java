package dev.weft.internal.scheduler;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.internal.runtime.ContextAccess;
import dev.weft.internal.runtime.Parker;
import dev.weft.internal.runtime.RuntimeConfig;
import dev.weft.internal.runtime.RuntimeContext;
import dev.weft.internal.runtime.Scheduler;
import dev.weft.internal.runtime.ThreadWaker;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.task.Schedule;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The current-thread runtime: tasks run on whichever thread is inside {@link #blockOn}, one thread
 * at a time, with the same task, waker and join semantics as the multi-thread runtime.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The "core" (a lock) is held by the thread driving the runtime. It alone touches
 * {@code local} (tasks woken on its own thread) and pops the {@link InjectQueue} (tasks spawned or
 * woken elsewhere, after which the core's parker is unparked). Other threads in {@code blockOn}
 * poll their own future and park; the core's releaser wakes them so one of them can take the core
 * (they enqueue themselves before checking the lock, the releaser unlocks before waking: no lost
 * hand-over). With nobody in {@code blockOn}, spawned tasks wait, as in Tokio.
 *
 * <p>Shutdown raises a flag and unparks the driver, which cancels every task and lets the core go;
 * {@link #shutdown(long)} then takes the core itself to make sure. Afterwards {@code blockOn} still
 * drives its own future, but no task runs.
 */
public final class CurrentThreadScheduler extends Scheduler implements Schedule {

    private final InjectQueue inject = new InjectQueue();
    private final OwnedTasks owned = new OwnedTasks(1);
    private final ReentrantLock core = new ReentrantLock();
    private final ConcurrentLinkedQueue<Parker> coreWaiters = new ConcurrentLinkedQueue<>();
    private final Context cx = ContextAccess.get().newContext();

    // Held by the core owner only.
    private final ArrayDeque<RawTask<?>> local = new ArrayDeque<>();
    private int tick;

    /** The thread holding the core and its parker; written by it under the core, read by wakers. */
    private volatile Thread driver;
    private volatile Parker driverParker;

    /** Volatile: pairs with the inject push of racing wakes, as in the multi-thread runtime. */
    private volatile boolean shutdown;

    /** @param config a current-thread configuration */
    public CurrentThreadScheduler(RuntimeConfig config) {
        super(config);
    }

    @Override
    public void start() {
        // no threads of its own: tasks run inside blockOn
    }

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
        if (Thread.currentThread() == driver) {
            if (shutdown) {
                task.shutdown();
            } else {
                local.addLast(task);
            }
            return;
        }
        inject.push(task);
        if (shutdown) {
            inject.drain(RawTask::shutdown);
            return;
        }
        Parker p = driverParker;
        if (p != null) {
            p.unpark();
        }
    }

    @Override
    public void yieldTask(RawTask<?> task) {
        schedule(task); // there is no LIFO slot here: every local wake goes to the back
    }

    @Override
    public boolean track(RawTask<?> task) {
        return owned.add(task, 0);
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
        ThreadWaker waker = new ThreadWaker();
        Context fcx = new Context(waker);
        blockOnThreadStarts(); // the core holder is the one thread that may auto-advance: see drive()
        try {
            for (;;) {
                if (!shutdown && core.tryLock()) {
                    Poll<T> p;
                    try {
                        p = drive(future, waker, fcx);
                    } finally {
                        release();
                    }
                    if (p != null) {
                        return p.value();
                    }
                    continue; // shut down while driving: go on without the core
                }
                if (waker.takeWoken() && future.poll(fcx) instanceof Poll.Ready<T> r) {
                    return r.value();
                }
                coreWaiters.add(waker.parker());
                try {
                    if (shutdown || core.isLocked()) {
                        blockOnThreadParks();
                        try {
                            waker.park(); // until our future is woken or the core is let go
                        } finally {
                            blockOnThreadStarts();
                        }
                    }
                } finally {
                    coreWaiters.remove(waker.parker());
                }
            }
        } finally {
            blockOnThreadParks();
            RuntimeContext.exit(prev);
            closeQuietly(future);
        }
    }

    /** Runs tasks and the future while holding the core; {@code null} if shutdown intervened. */
    private <T> Poll<T> drive(Future<T> future, ThreadWaker waker, Context fcx) {
        driver = Thread.currentThread();
        driverParker = waker.parker();
        int eventInterval = config.eventInterval();
        for (;;) {
            if (shutdown) {
                cancelAll();
                return null;
            }
            if (waker.takeWoken()) {
                Poll<T> p = future.poll(fcx);
                if (p.isReady()) {
                    return p;
                }
            }
            int ran = 0;
            for (; ran < eventInterval; ran++) {
                RawTask<?> t = nextTask();
                if (t == null) {
                    break;
                }
                t.run(cx);
            }
            if (ran > 0) {
                time.processIfDue();
            } else if (time.tryAcquire()) {
                // nothing to run: wait for the next timer, a remote schedule or our future's waker
                try {
                    // we count ourselves as an active blockOn thread, other blockOn threads must be parked
                    time.parkOn(waker.parker(), () -> !waker.isWoken() && local.isEmpty() && inject.isEmpty()
                            && blocking.busyCount() == 0 && activeBlockOnThreads() == 1);
                } finally {
                    time.release();
                }
            } else {
                waker.park();
            }
        }
    }

    private RawTask<?> nextTask() {
        tick++;
        if (tick % config.globalQueueInterval() == 0) {
            RawTask<?> t = popInject();
            if (t != null) {
                return t;
            }
        }
        RawTask<?> t = local.pollFirst();
        return t != null ? t : popInject();
    }

    private RawTask<?> popInject() {
        if (inject.isEmpty() || !inject.tryLockConsumer()) {
            return null;
        }
        try {
            return inject.pop();
        } finally {
            inject.unlockConsumer();
        }
    }

    private void release() {
        driverParker = null;
        driver = null;
        core.unlock();
        for (Parker p : coreWaiters) {
            p.unpark(); // a waiter may take the core now
        }
    }

    /** Cancels every task as the driver, then lets the core go; the caller holds the core. */
    private void cancelAllAndRelease() {
        try {
            driver = Thread.currentThread();
            cancelAll();
        } finally {
            release();
        }
    }

    /** Cancels every task; the caller holds the core. */
    private void cancelAll() {
        for (RawTask<?> t; (t = local.pollFirst()) != null; ) {
            t.shutdown();
        }
        owned.closeAndDrain(RawTask::shutdown);
        inject.drain(RawTask::shutdown);
        for (RawTask<?> t; (t = local.pollFirst()) != null; ) {
            t.shutdown();
        }
        time.shutdown();
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean shutdown(long timeoutNanos) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        if (Thread.currentThread() == driver) {
            throw new IllegalStateException("a Weft runtime cannot be closed from inside its own blockOn");
        }
        shutdown = true;
        Parker p = driverParker;
        if (p != null) {
            p.unpark();
        }
        boolean coreDone = false;
        try {
            coreDone = deadline == Long.MAX_VALUE
                    ? lockInterruptibly()
                    : core.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (coreDone) {
            cancelAllAndRelease();
        }
        for (Parker w : coreWaiters) {
            w.unpark();
        }
        boolean blockingDone = blocking.shutdown(deadline);
        return coreDone && blockingDone;
    }

    @Override
    public void shutdownBackground() {
        shutdown = true;
        Parker p = driverParker;
        if (p != null) {
            p.unpark(); // the driver cancels every task at its next turn (see drive)
        } else if (core.tryLock()) {
            cancelAllAndRelease();
        }
        for (Parker w : coreWaiters) {
            w.unpark();
        }
        blocking.shutdown(System.nanoTime());
    }

    private boolean lockInterruptibly() throws InterruptedException {
        core.lockInterruptibly();
        return true;
    }

    /** @return idle tasks currently tracked (tests) */
    public int trackedTaskCount() {
        return owned.size();
    }
}
