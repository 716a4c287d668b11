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
 * <p>All state lives in two arrays sized at construction: slot {@code i} of {@link #branches} holds
 * branch {@code i} until it finishes (then {@code null}), slot {@code i} of {@link #values} its
 * value. A poll allocates nothing; only the final result is built, once, by the finisher, which may
 * keep the values array.
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

    private static final Object[] NO_VALUES = {};

    private final Future<?>[] branches;
    private Object[] values; // handed to the finisher on success, then forgotten
    private final Function<Object[], ? extends R> finisher;
    private final boolean failFast;
    private final String name;
    private int remaining;
    private int start;
    private Throwable failure; // join only: the first failure so far, later ones suppressed
    private boolean done;

    /**
     * @param branches the futures, owned by the join from now on (the array too: the caller passes a
     *                 fresh or copied array and does not touch it again)
     * @param finisher builds the result from the values, in branch order
     * @param failFast whether the first failure cancels the others (tryJoin)
     * @param name     the combinator's name, for error messages
     */
    public JoinAllFuture(Future<?>[] branches, Function<Object[], ? extends R> finisher, boolean failFast, String name) {
        this.branches = branches;
        for (Future<?> f : this.branches) {
            if (f == null) { // not requireNonNull(f, msg): that would build the message for every branch
                throw new NullPointerException("a branch of " + name + " is null");
            }
        }
        this.values = new Object[branches.length];
        this.finisher = Objects.requireNonNull(finisher, "finisher");
        this.failFast = failFast;
        this.name = name;
        this.remaining = branches.length;
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion(name);
        }
        final Future<?>[] bs = branches;
        final int n = bs.length;
        int i = start;
        start = (i + 1 >= n) ? 0 : i + 1;
        for (int k = 0; k < n; k++) {
            Future<?> f = bs[i];
            if (f != null) {
                pollBranch(i, f, cx);
            }
            if (++i == n) {
                i = 0;
            }
        }
        if (remaining > 0) {
            return Poll.pending();
        }
        done = true;
        if (failure != null) {
            java.util.Arrays.fill(values, null);
            throw Ownership.unchecked(failure);
        }
        Object[] v = values;
        values = NO_VALUES; // the finisher may keep the array: the join must not touch it again
        return Poll.ready(finisher.apply(v));
    }

    private void pollBranch(int i, Future<?> f, Context cx) {
        Throwable failed;
        try {
            if (!(f.poll(cx) instanceof Poll.Ready<?> r)) {
                return;
            }
            values[i] = r.value();
            failed = null;
        } catch (Throwable t) {
            failed = t;
        }
        branches[i] = null;
        remaining--;
        failed = Ownership.release(f, failed);
        if (failed == null) {
            return;
        }
        if (failFast) {
            done = true;
            java.util.Arrays.fill(values, null);
            throw Ownership.unchecked(Ownership.cancelAll(branches, failed));
        }
        failure = Ownership.merge(failure, failed);
    }

    @Override
    public void close() {
        java.util.Arrays.fill(values, null);
        Ownership.rethrow(Ownership.cancelAll(branches, null));
    }
}
