package dev.weft;

import dev.weft.internal.runtime.RuntimeContext;
import dev.weft.internal.runtime.Scheduler;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A reference to a running {@link Runtime} that tasks can use to spawn more work. Cheap to copy
 * around; it does not keep the runtime open.
 *
 * <pre>{@code
 * JoinHandle<Void> parent = runtime.spawn(cx -> {
 *     Handle.current().spawn(child);     // from inside a task: the runtime running it
 *     return Poll.ready(null);
 * });
 * }</pre>
 */
public final class Handle {

    private final Scheduler scheduler;

    Handle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Returns the handle of the runtime the current thread belongs to: inside a task, a
     * {@code blockOn} future, or a blocking call.
     *
     * @return the handle
     * @throws IllegalStateException outside any Weft runtime
     */
    public static Handle current() {
        Scheduler s = RuntimeContext.current();
        if (s == null) {
            throw new IllegalStateException("Handle.current() called outside a Weft runtime: call it from a task,"
                    + " a blockOn future or a spawnBlocking call, or pass a Handle explicitly");
        }
        return (Handle) s.handle();
    }

    /** @return the current runtime's handle, or empty outside any runtime */
    public static Optional<Handle> tryCurrent() {
        Scheduler s = RuntimeContext.current();
        return s == null ? Optional.empty() : Optional.of((Handle) s.handle());
    }

    /**
     * Spawns a task on this runtime. From one of its worker threads the task goes to that worker's
     * LIFO slot (it runs next, on this core); from elsewhere, to the global queue.
     *
     * @param future the task's future
     * @param <T>    its result type
     * @return the task's handle
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return scheduler.spawn(Objects.requireNonNull(future, "future"));
    }

    /**
     * Runs a blocking call on the runtime's blocking pool, off the worker threads.
     *
     * @param call the call; a checked exception it throws becomes the {@link JoinError}'s cause
     * @param <T>  its result type
     * @return the call's handle
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> call) {
        return scheduler.spawnBlocking(Objects.requireNonNull(call, "call"));
    }

    /**
     * Runs a future to completion on the calling thread; see {@link Runtime#blockOn(Future)}.
     *
     * @param future the future
     * @param <T>    its result type
     * @return its result
     */
    public <T> T blockOn(Future<T> future) {
        return scheduler.blockOn(future);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "Handle[" + scheduler.getClass().getSimpleName() + (scheduler.isShutdown() ? ", shut down]" : "]");
    }
}
