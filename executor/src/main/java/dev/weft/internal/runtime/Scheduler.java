package dev.weft.internal.runtime;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.internal.blocking.BlockingPool;
import dev.weft.internal.time.Clock;
import dev.weft.internal.time.TimeDriver;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * What every runtime flavour provides to the public {@code Runtime} and {@code Handle}: spawning,
 * blocking on a future, the blocking pool, and shutdown.
 */
public abstract class Scheduler {

    /** The configuration the runtime was built with. */
    protected final RuntimeConfig config;

    /** The pool behind {@code spawnBlocking}. */
    protected final BlockingPool blocking;

    /** The runtime's clock and timers. */
    protected final TimeDriver time;

    private volatile Object apiHandle; // the public Handle; set once before threads start

    /** @param config the validated configuration */
    protected Scheduler(RuntimeConfig config) {
        this.config = config;
        this.time = new TimeDriver(new Clock(config.startPaused()));
        this.blocking = new BlockingPool(this, config);
    }

    /**
     * Records the public handle object, so that threads of this runtime can return it from
     * {@code Handle.current()} without allocating.
     *
     * @param handle the handle
     */
    public final void bindHandle(Object handle) {
        this.apiHandle = handle;
    }

    /** @return the public handle bound with {@link #bindHandle(Object)} */
    public final Object handle() {
        return apiHandle;
    }

    /** Starts the runtime's threads; called once, after {@link #bindHandle(Object)}. */
    public abstract void start();

    /**
     * Spawns a task.
     *
     * @param future the task's future
     * @param <T>    its result type
     * @return the task's handle
     * @throws RejectedExecutionException if the runtime has shut down
     */
    public abstract <T> JoinHandle<T> spawn(Future<T> future);

    /**
     * Runs a future to completion on the calling thread.
     *
     * @param future the future
     * @param <T>    its result type
     * @return its result
     */
    public abstract <T> T blockOn(Future<T> future);

    /**
     * Runs a blocking call on the blocking pool.
     *
     * @param call the call
     * @param <T>  its result type
     * @return the task's handle
     */
    public final <T> JoinHandle<T> spawnBlocking(Callable<T> call) {
        return blocking.spawn(call);
    }

    /**
     * Shuts down: cancels every task, stops the threads, waits for them.
     *
     * @param timeoutNanos how long to wait; {@code Long.MAX_VALUE} for no limit
     * @return {@code true} if every thread ended in time
     */
    public abstract boolean shutdown(long timeoutNanos);

    /** Starts shutdown without waiting for it; callable from the runtime's own threads. */
    public abstract void shutdownBackground();

    /** @return whether shutdown has begun */
    public abstract boolean isShutdown();

    /** @return the runtime's clock and timers */
    public final TimeDriver timeDriver() {
        return time;
    }

    /** @return the blocking pool */
    public final BlockingPool blockingPool() {
        return blocking;
    }

    /** @return the configuration */
    public final RuntimeConfig config() {
        return config;
    }

    /** Refuses work once shut down. */
    protected final RejectedExecutionException rejected() {
        return new RejectedExecutionException("the Weft runtime has been shut down: it accepts no new tasks");
    }

    /**
     * Refuses {@code blockOn} on a thread that drives a runtime; the refused future is closed, as
     * the runtime lets go of it.
     */
    protected static void checkMayBlock(Object future) {
        if (RuntimeContext.isDriving()) {
            closeQuietly(future);
            throw new IllegalStateException(
                    "blockOn cannot be called from a thread that drives a Weft runtime (a worker thread, or"
                            + " inside another blockOn): it would block the thread that must run the tasks it"
                            + " waits for. Spawn the future and await its JoinHandle instead.");
        }
    }

    /**
     * Drives a future on the calling thread, parking between polls; the loop shared by both
     * flavours when the thread runs no tasks itself.
     */
    protected final <T> T pollUntilReady(Future<T> future, ThreadWaker waker, Context cx) {
        blockOnThreadStarts();
        try {
            for (;;) {
                if (future.poll(cx) instanceof Poll.Ready<T> r) {
                    return r.value();
                }
                waker.parkCountedOut(activeBlockOn, this::blockOnThreadParks);
            }
        } finally {
            blockOnThreadParks();
        }
    }

    /**
     * Threads inside {@code blockOn} that are polling rather than parked. Paused time must not
     * auto-advance while one of them runs: its future may be about to register a timer.
     */
    private final java.util.concurrent.atomic.AtomicInteger activeBlockOn = new java.util.concurrent.atomic.AtomicInteger();

    /** Counts the calling {@code blockOn} thread as running. */
    protected final void blockOnThreadStarts() {
        activeBlockOn.incrementAndGet();
    }

    /** Counts the calling {@code blockOn} thread as parked; may let paused time advance. */
    protected final void blockOnThreadParks() {
        // volatile RMW, then read of the driver holder: pairs with the holder's publish-then-check
        if (activeBlockOn.decrementAndGet() == 0 && time.clock().isPaused()) {
            time.wakeHolder();
        }
    }

    /** @return {@code blockOn} threads currently polling rather than parked */
    protected final int activeBlockOnThreads() {
        return activeBlockOn.get();
    }

    /** Closes a future that is {@link AutoCloseable}; a failure is reported, never thrown. */
    protected static void closeQuietly(Object future) {
        if (future instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Throwable t) {
                System.getLogger("dev.weft.runtime")
                        .log(System.Logger.Level.WARNING, "close() of a blockOn future threw", t);
            }
        }
    }
}
