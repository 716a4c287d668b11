package dev.weft;

import dev.weft.internal.runtime.RuntimeConfig;
import dev.weft.internal.runtime.Scheduler;
import dev.weft.internal.scheduler.CurrentThreadScheduler;
import dev.weft.internal.scheduler.LocalQueue;
import dev.weft.internal.scheduler.MultiThreadScheduler;
import dev.weft.internal.time.TimeAccess;
import dev.weft.time.TimeControl;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The Weft runtime: worker threads that poll tasks, a blocking pool, and their lifecycle.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.builder().workerThreads(4).build()) {
 *     List<JoinHandle<Integer>> handles = new ArrayList<>();
 *     for (int i = 0; i < 10; i++) {
 *         int n = i;
 *         handles.add(rt.spawn(cx -> Poll.ready(n * n)));
 *     }
 *     int sum = 0;
 *     for (JoinHandle<Integer> h : handles) {
 *         sum += rt.blockOn(h);
 *     }
 * }   // close(): cancels what is left, stops and joins every thread
 * }</pre>
 *
 * <p>Worker threads are daemon threads, so a runtime that is never closed does not keep the JVM
 * alive; closing it is what runs the cleanup ({@code close()}) of unfinished tasks.
 */
public final class Runtime implements Executor, AutoCloseable {

    private final Scheduler scheduler;
    private final Handle handle;

    private Runtime(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.handle = new Handle(scheduler);
        scheduler.bindHandle(handle);
        scheduler.start();
    }

    /** @return a builder for a multi-thread runtime with default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a multi-thread runtime with one worker per available processor */
    public static Runtime create() {
        return builder().build();
    }

    /** @return a handle to this runtime, for code that must spawn onto it later */
    public Handle handle() {
        return handle;
    }

    /**
     * Spawns a task. Callable from any thread, inside or outside the runtime.
     *
     * @param future the task's future
     * @param <T>    its result type
     * @return the task's handle
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return handle.spawn(future);
    }

    /**
     * Runs a blocking call on the blocking pool.
     *
     * @param call the call
     * @param <T>  its result type
     * @return the call's handle
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> call) {
        return handle.spawnBlocking(call);
    }

    /**
     * Runs a future to completion on the calling thread and returns its result. On a
     * current-thread runtime this thread also runs the runtime's tasks meanwhile. The future is
     * closed afterwards if it is {@link AutoCloseable}. A {@link JoinHandle} passed here throws
     * {@link JoinError} if its task failed.
     *
     * @param future the future
     * @param <T>    its result type
     * @return the result
     * @throws IllegalStateException if called from a worker thread or inside another blockOn
     */
    public <T> T blockOn(Future<T> future) {
        return scheduler.blockOn(future);
    }

    /**
     * Runs a {@link Runnable} as a detached task: its result is discarded and a failure is
     * reported through {@link System.Logger}.
     *
     * @param command the command
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        spawn(cx -> {
            command.run();
            return Poll.ready(null);
        }).detach();
    }

    /**
     * Controls this runtime's clock (pause, resume, advance), for tests; see
     * {@link Builder#startPaused(boolean)}.
     *
     * @return the time control of this runtime
     */
    public TimeControl timeControl() {
        return (TimeControl) TimeAccess.control(scheduler.timeDriver());
    }

    /** @return whether {@link #close()} or a shutdown method has been called */
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    /**
     * Shuts down and waits for everything to stop: every unfinished task is cancelled (its future
     * closed), every worker stopped and joined, every blocking call awaited. Idempotent.
     *
     * @throws IllegalStateException if called from one of this runtime's worker threads
     */
    @Override
    public void close() {
        scheduler.shutdown(Long.MAX_VALUE);
    }

    /**
     * Shuts down like {@link #close()}, but waits at most {@code timeout}; blocking calls still
     * running at the deadline are interrupted.
     *
     * @param timeout how long to wait
     * @return {@code true} if every thread had ended by the deadline
     */
    public boolean shutdownTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        return scheduler.shutdown(nanos);
    }

    /**
     * Starts shutdown without waiting, for use where waiting is impossible (inside a task). Tasks
     * are cancelled as in {@link #close()}; blocking calls still running are interrupted at once,
     * as with {@code shutdownTimeout(Duration.ZERO)}.
     */
    public void shutdownBackground() {
        scheduler.shutdownBackground();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "Runtime[" + scheduler.getClass().getSimpleName() + ", workers=" + scheduler.config().workers()
                + (isShutdown() ? ", shut down]" : "]");
    }

    /**
     * Configures a {@link Runtime}. Setters only record values; {@link #build()} checks them all
     * and rejects a bad one with an {@link IllegalArgumentException} naming the setting and value.
     *
     * <pre>{@code
     * Runtime rt = Runtime.builder()
     *         .workerThreads(8)
     *         .threadName("ingest")
     *         .onThreadStart(() -> MDC.put("pool", "ingest"))
     *         .maxBlockingThreads(64)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Flavor flavor = Flavor.MULTI_THREAD;
        private Integer workerThreads;
        private String threadName = "weft-worker";
        private Supplier<String> threadNameFn;
        private boolean threadNameFnSet;
        private Runnable onThreadStart;
        private boolean onThreadStartSet;
        private Runnable onThreadStop;
        private boolean onThreadStopSet;
        private Runnable onThreadPark;
        private boolean onThreadParkSet;
        private Runnable onThreadUnpark;
        private boolean onThreadUnparkSet;
        private int globalQueueInterval = 61; // Tokio's: a prime, so it does not beat with eventInterval
        private int eventInterval = 61;
        private int maxBlockingThreads = 512;
        private Duration threadKeepAlive = Duration.ofSeconds(10);
        private boolean startPaused;

        private Builder() {}

        /** @param flavor multi-thread (default) or current-thread @return this */
        public Builder flavor(Flavor flavor) {
            this.flavor = flavor;
            return this;
        }

        /**
         * @param n worker threads of a multi-thread runtime (default: available processors)
         * @return this
         */
        public Builder workerThreads(int n) {
            this.workerThreads = n;
            return this;
        }

        /**
         * @param name prefix of thread names: workers are {@code name-0, name-1, ...}, blocking
         *     threads {@code name-blocking-0, ...}
         * @return this
         */
        public Builder threadName(String name) {
            this.threadName = name;
            this.threadNameFn = null;
            this.threadNameFnSet = false;
            return this;
        }

        /** @param fn called for the name of each new thread (workers and blocking) @return this */
        public Builder threadNameFn(Supplier<String> fn) {
            this.threadNameFn = fn;
            this.threadNameFnSet = true;
            return this;
        }

        /** @param hook runs first on every new runtime thread @return this */
        public Builder onThreadStart(Runnable hook) {
            this.onThreadStart = hook;
            this.onThreadStartSet = true;
            return this;
        }

        /** @param hook runs last on every runtime thread @return this */
        public Builder onThreadStop(Runnable hook) {
            this.onThreadStop = hook;
            this.onThreadStopSet = true;
            return this;
        }

        /** @param hook runs on a worker just before it parks for lack of work @return this */
        public Builder onThreadPark(Runnable hook) {
            this.onThreadPark = hook;
            this.onThreadParkSet = true;
            return this;
        }

        /** @param hook runs on a worker just after it unparks @return this */
        public Builder onThreadUnpark(Runnable hook) {
            this.onThreadUnpark = hook;
            this.onThreadUnparkSet = true;
            return this;
        }

        /**
         * @param ticks a worker checks the global queue first every this many tasks, so remote
         *     spawns are not starved by a busy local queue (default 61)
         * @return this
         */
        public Builder globalQueueInterval(int ticks) {
            this.globalQueueInterval = ticks;
            return this;
        }

        /**
         * @param ticks a busy worker checks for shutdown and polls drivers every this many tasks
         *     (default 61)
         * @return this
         */
        public Builder eventInterval(int ticks) {
            this.eventInterval = ticks;
            return this;
        }

        /** @param n most threads the blocking pool may run at once (default 512) @return this */
        public Builder maxBlockingThreads(int n) {
            this.maxBlockingThreads = n;
            return this;
        }

        /** @param d how long an idle blocking thread waits for work before ending (default 10 s) @return this */
        public Builder threadKeepAlive(Duration d) {
            this.threadKeepAlive = d;
            return this;
        }

        /**
         * @param paused start with the clock paused: timers wait for {@link TimeControl#advance}
         *     or for the runtime to go idle, when the clock jumps to the next deadline (tests)
         * @return this
         */
        public Builder startPaused(boolean paused) {
            this.startPaused = paused;
            return this;
        }

        /**
         * Checks every setting and starts the runtime.
         *
         * @return the running runtime
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public Runtime build() {
            return new Runtime(flavor == Flavor.MULTI_THREAD
                    ? new MultiThreadScheduler(config())
                    : new CurrentThreadScheduler(config()));
        }

        private RuntimeConfig config() {
            require(flavor != null, "flavor must not be null");
            boolean multi = flavor == Flavor.MULTI_THREAD;
            int workers = 1;
            if (workerThreads != null) {
                require(multi, "workerThreads applies only to the MULTI_THREAD flavour, was set to "
                        + workerThreads + " on a CURRENT_THREAD runtime");
                require(workerThreads >= 1, "workerThreads must be at least 1, was " + workerThreads);
                require(workerThreads <= MAX_WORKERS,
                        "workerThreads must be at most " + MAX_WORKERS + ", was " + workerThreads);
                workers = workerThreads;
            } else if (multi) {
                workers = Math.min(java.lang.Runtime.getRuntime().availableProcessors(), MAX_WORKERS);
            }
            require(!threadNameFnSet || threadNameFn != null, "threadNameFn must not be null");
            require(threadNameFnSet || (threadName != null && !threadName.isBlank()),
                    "threadName must not be null or blank, was " + quote(threadName));
            require(!onThreadStartSet || onThreadStart != null, "onThreadStart must not be null");
            require(!onThreadStopSet || onThreadStop != null, "onThreadStop must not be null");
            require(!onThreadParkSet || onThreadPark != null, "onThreadPark must not be null");
            require(!onThreadUnparkSet || onThreadUnpark != null, "onThreadUnpark must not be null");
            require(globalQueueInterval >= 1, "globalQueueInterval must be at least 1, was " + globalQueueInterval);
            require(eventInterval >= 1, "eventInterval must be at least 1, was " + eventInterval);
            require(maxBlockingThreads >= 1, "maxBlockingThreads must be at least 1, was " + maxBlockingThreads);
            require(threadKeepAlive != null, "threadKeepAlive must not be null");
            require(!threadKeepAlive.isNegative() && !threadKeepAlive.isZero(),
                    "threadKeepAlive must be positive, was " + threadKeepAlive);
            Supplier<String> workerNames;
            Supplier<String> blockingNames;
            if (threadNameFnSet) {
                Supplier<String> fn = threadNameFn;
                workerNames = () -> Objects.requireNonNull(fn.get(), "threadNameFn returned null");
                blockingNames = workerNames;
            } else {
                String prefix = threadName;
                AtomicInteger w = new AtomicInteger();
                AtomicInteger b = new AtomicInteger();
                workerNames = () -> prefix + "-" + w.getAndIncrement();
                blockingNames = () -> prefix + "-blocking-" + b.getAndIncrement();
            }
            return new RuntimeConfig(multi, workers, workerNames, blockingNames, onThreadStart, onThreadStop,
                    onThreadPark, onThreadUnpark, globalQueueInterval, eventInterval, maxBlockingThreads,
                    threadKeepAlive, LocalQueue.DEFAULT_CAPACITY, startPaused);
        }

        /** Limited by the 16-bit counters of the idle protocol. */
        private static final int MAX_WORKERS = 32_767;

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }

        private static String quote(String s) {
            return s == null ? "null" : "\"" + s + "\"";
        }
    }
}
