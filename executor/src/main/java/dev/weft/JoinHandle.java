package dev.weft;

/**
 * The handle of a spawned task: a {@link Future} of the task's result, plus control over the task.
 *
 * <p>Polling the handle yields the task's value, or throws {@link JoinError} if the task failed or
 * was cancelled. The result stays available: polling a finished handle again gives the same
 * outcome. Forgetting a handle does not cancel its task (the task runs on, detached); a failure
 * that no handle ever observed is reported through {@link System.Logger} once the handle is
 * garbage-collected, or at once if the handle was {@link #detach() detached}.
 *
 * <pre>{@code
 * JoinHandle<Integer> h = runtime.spawn(() -> Poll.ready(6 * 7));
 * int answer = runtime.blockOn(h);                 // 42; or, from inside a task, poll h
 * }</pre>
 *
 * <p>One task at a time may await a handle. Memory effects: everything the task did happens-before
 * a poll of its handle that returns (or throws) the outcome.
 *
 * @param <T> the type of the task's result
 */
public interface JoinHandle<T> extends Future<T> {

    /**
     * Requests cancellation. An idle or queued task is cancelled before its next poll; a running
     * task when its current poll returns (unless that poll completes it). Its future is closed, and
     * joiners receive a {@link JoinError#isCancelled() cancelled} error. A blocking task that has
     * started runs to completion. Aborting a finished task does nothing.
     */
    void abort();

    /** @return whether the task has finished: completed, failed, or cancelled */
    boolean isFinished();

    /** @return the task's id, unique within this JVM */
    long id();

    /**
     * Declares that nobody will join this task: its result is discarded when it completes, and a
     * failure is reported at once through {@link System.Logger}. The task keeps running.
     */
    void detach();
}
