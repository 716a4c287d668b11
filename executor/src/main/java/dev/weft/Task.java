package dev.weft;

/**
 * Functions for code running inside a task.
 *
 * <pre>{@code
 * // a task that does a slice of work per poll and lets others run in between
 * runtime.spawn(new Future<Void>() {
 *     int slices = 100;
 *     Future<Void> yield;
 *     public Poll<Void> poll(Context cx) {
 *         while (slices > 0) {
 *             if (yield != null && !yield.poll(cx).isReady()) return Poll.pending();
 *             doSlice();
 *             slices--;
 *             yield = Task.yieldNow();
 *         }
 *         return Poll.ready(null);
 *     }
 * });
 * }</pre>
 */
public final class Task {

    private Task() {}

    /**
     * Returns a future that completes on its second poll: the first poll wakes the task and returns
     * {@code Pending}, which sends the task to the back of its worker's run queue (never the LIFO
     * slot), so every task queued before it runs first.
     *
     * @return a fresh yield future
     */
    public static Future<Void> yieldNow() {
        return new YieldNow();
    }

    /**
     * Yields from inside a hand-written state machine without allocating: call it as
     * {@code return Task.yieldPending(cx);} after recording where to resume. The task is polled
     * again after every task queued before it, like {@link #yieldNow()}.
     *
     * <pre>{@code
     * public Poll<Void> poll(Context cx) {
     *     while (step < STEPS) {
     *         doStep(step++);
     *         if (step % 100 == 0) {
     *             return Task.yieldPending(cx);   // resume at the next step on the next poll
     *         }
     *     }
     *     return Poll.ready(null);
     * }
     * }</pre>
     *
     * @param cx  the context of the current poll
     * @param <T> the future's result type
     * @return {@link Poll#pending()}, to return from {@code poll}
     */
    public static <T> Poll<T> yieldPending(Context cx) {
        cx.requestYield();
        return Poll.pending();
    }

    /**
     * Spawns onto the current runtime; shorthand for {@code Handle.current().spawn(future)}.
     *
     * @param future the task's future
     * @param <T>    its result type
     * @return the task's handle
     * @throws IllegalStateException outside a runtime
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        return Handle.current().spawn(future);
    }

    private static final class YieldNow implements Future<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded) {
                return Poll.ready(null);
            }
            yielded = true;
            cx.requestYield(); // a self-wake during poll: the task goes to the back of the queue
            return Poll.pending();
        }
    }
}
