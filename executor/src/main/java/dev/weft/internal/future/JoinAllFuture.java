package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code Futures.join}, {@code joinAll}, {@code tryJoin} and {@code tryJoinAll}: polls every
 * unfinished branch on each poll and finishes when all have.
 *
 * <p>All state lives in one array sized at construction: slot {@code i} of {@link #slots} holds
 * branch {@code i} until it finishes, then its value, and bit {@code i} of the finished mask tells
 * which (a value may itself be a future). The mask is a {@code long} field up to 64 branches, a
 * {@code long[]} beyond. A poll allocates nothing; the finisher gets the array itself, now all
 * values, and may keep it: a join of N allocates one N-slot array, not one for the branches and
 * another for the values.
 *
 * <p>Each poll starts one branch further on than the last, so when the task's cooperative budget
 * runs out part-way through, the branches at the end are not always the ones left waiting.
 *
 * <p>Failure: with {@code failFast} (tryJoin) the first branch to throw ends the join at once: the
 * other unfinished branches are cancelled in index order and the exception propagates. Without it
 * (join) a failed branch is set aside and the others run to the end; then the first failure is
 * thrown with the later ones suppressed. Closing the join cancels every unfinished branch in index
 * order.
 *
 * @param <R> the result type built from the values
 */
public final class JoinAllFuture<R> implements Future<R>, AutoCloseable {

    private Object[] slots; // branch i until it finished, then its value; null once given away or cleared
    private long finishedLow;           // bit i: branch i (i < 64) finished
    private final long[] finishedHigh;  // bit i - 64: branch i (i >= 64) finished; null for 64 or fewer
    private final Function<Object[], ? extends R> finisher;
    private final boolean failFast;
    private final String name;
    private int remaining;
    private int start;
    private Throwable failure; // join only: the first failure so far, later ones suppressed
    private boolean done;

    /**
     * @param branches the futures, owned by the join from now on: the caller passes a fresh or
     *                 copied array and does not touch it again. It will hold the values too, so an
     *                 array of a narrower type (a {@code Future[]} from a list's {@code toArray})
     *                 is copied into an {@code Object[]} first
     * @param finisher builds the result from the values, in branch order
     * @param failFast whether the first failure cancels the others (tryJoin)
     * @param name     the combinator's name, for error messages
     */
    public JoinAllFuture(Object[] branches, Function<Object[], ? extends R> finisher, boolean failFast, String name) {
        if (branches.getClass() != Object[].class) {
            branches = java.util.Arrays.copyOf(branches, branches.length, Object[].class);
        }
        for (Object f : branches) {
            if (!(f instanceof Future<?>)) { // not requireNonNull(f, msg): that would build the message for every branch
                throw f == null ? new NullPointerException("a branch of " + name + " is null")
                        : new IllegalArgumentException("a branch of " + name + " is not a Future: " + f.getClass());
            }
        }
        this.slots = branches;
        this.finishedHigh = branches.length > Long.SIZE ? new long[(branches.length - 1) / Long.SIZE] : null;
        this.finisher = Objects.requireNonNull(finisher, "finisher");
        this.failFast = failFast;
        this.name = name;
        this.remaining = branches.length;
    }

    private boolean finished(int i) {
        return i < Long.SIZE ? (finishedLow & (1L << i)) != 0
                : (finishedHigh[(i >> 6) - 1] & (1L << i)) != 0; // 1L << i shifts by i mod 64
    }

    private void markFinished(int i) {
        if (i < Long.SIZE) {
            finishedLow |= 1L << i;
        } else {
            finishedHigh[(i >> 6) - 1] |= 1L << i;
        }
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion(name);
        }
        final Object[] ss = slots;
        final int n = ss.length;
        int i = start;
        start = (i + 1 >= n) ? 0 : i + 1;
        for (int k = 0; k < n; k++) {
            if (!finished(i)) {
                pollBranch(i, (Future<?>) ss[i], cx);
            }
            if (++i == n) {
                i = 0;
            }
        }
        if (remaining > 0) {
            return Poll.pending();
        }
        done = true;
        Object[] v = slots;
        slots = null; // the finisher may keep the array: the join must not touch it again
        if (failure != null) {
            java.util.Arrays.fill(v, null);
            throw Ownership.unchecked(failure);
        }
        return Poll.ready(finisher.apply(v));
    }

    private void pollBranch(int i, Future<?> f, Context cx) {
        Throwable failed;
        Object value = null;
        try {
            if (!(f.poll(cx) instanceof Poll.Ready<?> r)) {
                return;
            }
            value = r.value();
            failed = null;
        } catch (Throwable t) {
            failed = t;
        }
        slots[i] = value; // from here the slot is a value (null after a failure), never the branch
        markFinished(i);
        remaining--;
        failed = Ownership.release(f, failed);
        if (failed == null) {
            return;
        }
        if (failFast) {
            done = true;
            throw Ownership.unchecked(letGo(failed));
        }
        failure = Ownership.merge(failure, failed);
    }

    /**
     * Cancels every unfinished branch in index order and drops every value; the array is not
     * used again.
     */
    private Throwable letGo(Throwable failed) {
        Object[] ss = slots;
        if (ss == null) {
            return failed; // finished and given away, or let go already
        }
        slots = null;
        for (int i = 0; i < ss.length; i++) {
            Object o = ss[i];
            ss[i] = null;
            if (!finished(i)) {
                failed = Ownership.cancel(o, failed);
            }
        }
        return failed;
    }

    @Override
    public void close() {
        done = true;
        Ownership.rethrow(letGo(null));
    }
}
