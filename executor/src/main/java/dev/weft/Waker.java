package dev.weft;

/**
 * A handle that tells an executor to poll a task again.
 *
 * <p>A future that returns {@link Poll#pending()} must first store the waker of the current
 * {@link Context} wherever the event it waits for will be signalled, and that event must call
 * {@link #wake()}. Wakers are cheap to keep and safe to call from any thread, any number of times:
 * many wakes before the next poll schedule the task once, and a wake after the task completed does
 * nothing.
 *
 * <pre>{@code
 * // inside poll(cx): remember the waker only if it changed since the last poll
 * if (stored == null || !stored.willWake(cx.waker())) {
 *     stored = cx.waker();
 * }
 * }</pre>
 *
 * <p>Memory effects: actions in a thread before it calls {@code wake()} happen-before the poll that
 * the wake causes.
 */
public interface Waker {

    /** Schedules the task this waker belongs to for another poll. */
    void wake();

    /**
     * Tells whether waking {@code other} would wake the same task as waking this waker, so a future
     * can skip replacing a stored waker. The default compares identity, which is exact for the
     * runtime's own wakers (a task is its own waker).
     *
     * @param other another waker, possibly {@code null}
     * @return {@code true} if both wake the same task
     */
    default boolean willWake(Waker other) {
        return this == other;
    }

    /**
     * A waker that does nothing, for polling a future by hand when no wake-up is wanted.
     *
     * @return the no-op waker
     */
    static Waker noop() {
        return NoopWaker.INSTANCE;
    }
}
