package dev.weft.internal.blocking;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.internal.runtime.RuntimeConfig;
import dev.weft.internal.runtime.RuntimeThread;
import dev.weft.internal.runtime.Scheduler;
import dev.weft.internal.task.CheckedFailure;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.task.Schedule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The elastic pool behind {@code spawnBlocking}: threads are started on demand up to
 * {@code maxBlockingThreads}, and an idle thread retires after {@code threadKeepAlive}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>One lock guards the queue, the thread counts and the shutdown flag. Blocking calls take
 * milliseconds, so a lock costs nothing that matters here, and it makes "queue, then start a thread
 * or signal an idle one" atomic. A blocking call is a {@link RawTask} like any other, so its handle,
 * abort and failure reporting behave the same; it is polled once, by a pool thread. Abort cancels a
 * call that has not started; one that has started runs to the end (nothing can stop it safely).
 *
 * <p>Shutdown cancels the calls still queued, waits for running ones until the deadline, then
 * interrupts those still running. A call that ignores interruption keeps its (daemon) thread.
 */
public final class BlockingPool implements Schedule {

    private final Scheduler runtime;
    private final RuntimeConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<RawTask<?>> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>(); // threads still taking work
    private final List<Thread> started = new ArrayList<>(); // every thread until shutdown joins it
    private int idle; // waiting for work and not yet promised any
    private int notified; // signals sent to idle threads and not yet taken by one
    private int busy;
    private boolean shutdown;

    /**
     * @param runtime the runtime whose threads these are
     * @param config  its configuration (cap, keep-alive, names, hooks)
     */
    public BlockingPool(Scheduler runtime, RuntimeConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    /**
     * Queues a blocking call.
     *
     * @param call the call
     * @param <T>  its result type
     * @return its handle
     * @throws RejectedExecutionException after shutdown
     */
    public <T> JoinHandle<T> spawn(Callable<T> call) {
        Objects.requireNonNull(call, "call");
        RawTask<T> task = new RawTask<>(new CallFuture<>(call), this);
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException(
                        "the Weft runtime has been shut down: spawnBlocking accepts no new calls");
            }
            queue.add(task);
            if (idle > 0) {
                // Promise the call to one idle thread now: a second spawn before that thread wakes
                // must not count the same thread again, or its call would wait behind this one.
                idle--;
                notified++;
                workAvailable.signal();
            } else if (threads.size() < config.maxBlockingThreads()) {
                startThread();
            } // else: every thread is busy and the cap is reached: the call waits its turn
        } finally {
            lock.unlock();
        }
        return task;
    }

    private void startThread() {
        String name = config.blockingNames().get();
        Thread t = new RuntimeThread(runtime, false, this::threadLoop, name);
        threads.add(t);
        started.add(t);
        t.start();
    }

    private void threadLoop() {
        Context cx = new Context(Waker.noop());
        try {
            RuntimeConfig.runHook(config.onThreadStart());
            lock.lock();
            try {
                long keepAlive = config.threadKeepAlive().toNanos();
                while (!shutdown) {
                    RawTask<?> task = queue.poll();
                    if (task == null) {
                        idle++;
                        long left;
                        try {
                            left = workAvailable.awaitNanos(keepAlive);
                        } catch (InterruptedException e) {
                            left = 1; // interruption only comes from shutdown, which the loop checks
                        }
                        if (notified > 0) {
                            notified--; // a spawner promised us a call (and already counted us busy-bound)
                        } else {
                            idle--; // woke by timeout, spuriously, or for shutdown
                            if (left <= 0 && queue.isEmpty()) {
                                break; // kept alive long enough with nothing to do: retire
                            }
                        }
                        continue;
                    }
                    busy++;
                    lock.unlock();
                    try {
                        task.run(cx);
                    } finally {
                        Thread.interrupted(); // an interrupt aimed at this call must not leak into the next
                        lock.lock();
                        busy--;
                        if (busy == 0 && queue.isEmpty() && runtime.timeDriver().clock().isPaused()) {
                            runtime.timeDriver().wakeHolder(); // paused time may auto-advance now
                        }
                    }
                }
            } finally {
                threads.remove(Thread.currentThread());
                lock.unlock();
            }
        } finally {
            RuntimeConfig.runHook(config.onThreadStop());
        }
    }


    /**
     * Stops the pool: queued calls are cancelled, running calls get until the deadline, then an
     * interrupt.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE}
     * @return {@code true} if every pool thread ended
     */
    public boolean shutdown(long deadlineNanos) {
        List<RawTask<?>> cancelled;
        lock.lock();
        try {
            shutdown = true;
            workAvailable.signalAll();
            cancelled = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        for (RawTask<?> t : cancelled) {
            t.shutdown();
        }
        List<Thread> toJoin;
        lock.lock();
        try {
            toJoin = new ArrayList<>(started);
        } finally {
            lock.unlock();
        }
        // Join the threads themselves (so their onThreadStop hooks have run), except the caller:
        // close() called from inside a blocking call must not wait for that call.
        boolean allDone = true;
        for (Thread t : toJoin) {
            if (t == Thread.currentThread()) {
                continue;
            }
            if (!join(t, deadlineNanos)) {
                t.interrupt(); // the deadline passed: ask the call to stop, then give up on it
                allDone = false;
            }
        }
        if (allDone) {
            lock.lock();
            try {
                started.removeIf(t -> !t.isAlive());
            } finally {
                lock.unlock();
            }
        }
        return allDone;
    }

    /**
     * Joins until the deadline.
     *
     * @param t             the thread
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE}
     * @return {@code false} if the thread is still alive at the deadline
     */
    public static boolean join(Thread t, long deadlineNanos) {
        boolean interrupted = false;
        try {
            while (t.isAlive()) {
                try {
                    if (deadlineNanos == Long.MAX_VALUE) {
                        t.join();
                    } else {
                        long left = deadlineNanos - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        t.join(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // finish the join; restore the interrupt afterwards
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return threads currently in the pool */
    public int threadCount() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return calls queued or running: paused time must not advance while one is, since it may be
     *     about to do something a timer should observe
     */
    public int busyCount() {
        lock.lock();
        try {
            return busy + queue.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- Schedule

    @Override
    public void schedule(RawTask<?> task) {
        // A call is queued from birth until it runs and never waits for a wake, so an abort never
        // asks for it to be queued again; should that change, cancelling is the safe reading.
        task.shutdown();
    }

    @Override
    public void yieldTask(RawTask<?> task) {
        throw new IllegalStateException("a blocking call cannot yield");
    }

    @Override
    public boolean track(RawTask<?> task) {
        throw new IllegalStateException("a blocking call cannot be pending");
    }

    @Override
    public void untrack(RawTask<?> task) {}

    /** Runs the call on the first poll; a checked exception travels out wrapped, then unwrapped. */
    private static final class CallFuture<T> implements Future<T> {
        private final Callable<T> call;

        CallFuture(Callable<T> call) {
            this.call = call;
        }

        @Override
        public Poll<T> poll(Context cx) {
            try {
                return Poll.ready(call.call());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new CheckedFailure(e);
            }
        }
    }
}
