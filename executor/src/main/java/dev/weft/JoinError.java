package dev.weft;

import java.io.Serial;

/**
 * Why a task produced no value: it failed (its future threw, a "panic") or it was cancelled (by
 * {@link JoinHandle#abort()} or runtime shutdown). Thrown from polling a {@link JoinHandle} and from
 * {@link Runtime#blockOn(Future)} on one.
 *
 * <pre>{@code
 * try {
 *     runtime.blockOn(handle);
 * } catch (JoinError e) {
 *     if (e.isPanic()) {
 *         log(e.getCause());             // the exception the task threw
 *     } else {
 *         assert e.isCancelled();
 *     }
 * }
 * }</pre>
 */
public final class JoinError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long taskId;
    private final boolean cancelled;

    private JoinError(long taskId, boolean cancelled, Throwable cause, String message) {
        super(message, cause);
        this.taskId = taskId;
        this.cancelled = cancelled;
    }

    /**
     * @param taskId the task's id
     * @return the error of a task that was cancelled
     */
    public static JoinError cancelled(long taskId) {
        return new JoinError(taskId, true, null, "task " + taskId + " was cancelled");
    }

    /**
     * @param taskId the task's id
     * @param cause  what the task's future threw
     * @return the error of a task that failed
     */
    public static JoinError panic(long taskId, Throwable cause) {
        return new JoinError(taskId, false, cause, "task " + taskId + " failed: " + cause);
    }

    /** @return whether the task was cancelled before it could finish */
    public boolean isCancelled() {
        return cancelled;
    }

    /** @return whether the task's future threw; {@link #getCause()} is what it threw */
    public boolean isPanic() {
        return !cancelled;
    }

    /** @return the id of the task (see {@link JoinHandle#id()}) */
    public long taskId() {
        return taskId;
    }
}
