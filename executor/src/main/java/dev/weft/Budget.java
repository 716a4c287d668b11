package dev.weft;

/**
 * Cooperative scheduling budget: how much progress a task may make in one poll before it must
 * yield.
 *
 * <p>A future that is always ready (a channel that never empties, a socket with data always
 * available) would otherwise let its task run forever and starve every other task on the worker.
 * Each poll of a task starts with {@value #PER_POLL} units. A resource future spends one unit each
 * time it makes progress; when none is left it returns {@link Poll#pending()} after waking its own
 * task, which puts the task at the back of the run queue (a yield), never on the fast LIFO path.
 *
 * <pre>{@code
 * public Poll<T> poll(Context cx) {
 *     if (!Budget.proceed(cx)) {
 *         return Poll.pending();          // out of budget: already re-woken, yield
 *     }
 *     T item = queue.poll();
 *     if (item == null) {
 *         Budget.refund(cx);              // no progress made: the unit is not spent
 *         registerWaker(cx.waker());
 *         return Poll.pending();
 *     }
 *     return Poll.ready(item);
 * }
 * }</pre>
 */
public final class Budget {

    /**
     * Units per task poll. Tokio's figure: large enough that the bookkeeping of a yield is noise
     * next to 128 operations, small enough that a busy task hands the worker back within tens of
     * microseconds.
     */
    public static final int PER_POLL = 128;

    /** Marks a context outside any runtime task: no limit applies. */
    static final int UNCONSTRAINED = -1;

    private Budget() {}

    /**
     * Spends one unit of the current task's budget.
     *
     * @param cx the context of the current poll
     * @return {@code true} if the caller may make progress; {@code false} if the budget is spent, in
     *     which case the task has already been woken and the caller must return {@code Pending}
     */
    public static boolean proceed(Context cx) {
        int b = cx.budget;
        if (b == UNCONSTRAINED) {
            return true;
        }
        if (b == 0) {
            cx.requestYield();
            return false;
        }
        cx.budget = b - 1;
        return true;
    }

    /**
     * Gives back the unit spent by the last {@link #proceed(Context)} when the resource turned out
     * not to be ready, so that waiting does not count as progress.
     *
     * @param cx the context of the current poll
     */
    public static void refund(Context cx) {
        int b = cx.budget;
        if (b != UNCONSTRAINED && b < PER_POLL) {
            cx.budget = b + 1;
        }
    }

    /**
     * Spends {@code units} at once: for a tight loop that reads {@link #remaining(Context)} first,
     * makes at most that many steps without calling {@link #proceed(Context)} per step, then pays
     * for the steps it made. It charges exactly what one {@code proceed} per step would have; when
     * the loop finds nothing left it calls {@code proceed}, which requests the yield.
     *
     * <pre>{@code
     * int allowed = Budget.remaining(cx);
     * int done = 0;
     * try {
     *     while (done < allowed && source.hasNext()) { sink.accept(source.next()); done++; }
     * } finally {
     *     Budget.spend(cx, done);
     * }
     * }</pre>
     *
     * @param cx the context of the current poll
     * @param units how many steps were made, {@code 0 <= units <= remaining(cx)}
     * @throws IllegalArgumentException if {@code units} is negative or more than is left
     */
    public static void spend(Context cx, int units) {
        int b = cx.budget;
        if (b == UNCONSTRAINED) {
            if (units < 0) {
                throw new IllegalArgumentException("cannot spend " + units + " budget units");
            }
            return;
        }
        if (units < 0 || units > b) {
            throw new IllegalArgumentException("cannot spend " + units + " budget units: " + b + " are left");
        }
        cx.budget = b - units;
    }

    /**
     * @param cx the context of the current poll
     * @return the units left in this poll, or {@link Integer#MAX_VALUE} outside a runtime task
     */
    public static int remaining(Context cx) {
        int b = cx.budget;
        return b == UNCONSTRAINED ? Integer.MAX_VALUE : b;
    }

    /**
     * @param cx the context of the current poll
     * @return whether the budget of this poll is spent (the next {@link #proceed} would yield)
     */
    public static boolean isExhausted(Context cx) {
        return cx.budget == 0;
    }
}
