package dev.weft.internal.task;

/**
 * What a task needs from the scheduler that owns it. Implemented by each runtime flavour and by
 * the blocking pool.
 */
public interface Schedule {

    /**
     * Queues a task that was woken (or aborted) while idle. Called from any thread, at most once
     * per {@link TaskState.WakeOutcome#SUBMIT}. A scheduler that has shut down must cancel the task
     * itself ({@link RawTask#shutdown()}).
     *
     * @param task the task
     */
    void schedule(RawTask<?> task);

    /**
     * Queues a task that woke itself during its own poll: a yield. It must go behind the work
     * already queued, never on a fast path that would run it again at once.
     *
     * @param task the task, still notified, polled by the calling thread a moment ago
     */
    void yieldTask(RawTask<?> task);

    /**
     * Starts tracking a task that is about to wait for a wake, so that shutdown can find it.
     *
     * @param task the task, owned (RUNNING) by the calling thread
     * @return {@code false} if the scheduler has shut down: the caller must cancel the task
     */
    boolean track(RawTask<?> task);

    /**
     * Stops tracking a completed task.
     *
     * @param task the task
     */
    void untrack(RawTask<?> task);
}
