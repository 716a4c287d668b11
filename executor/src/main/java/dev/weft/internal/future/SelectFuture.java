package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code Futures.select}, {@code selectBiased} and {@code race}: polls the branches until one
 * finishes; that branch wins and every other branch is cancelled, in index order, before the result
 * is returned (or the winner's exception rethrown).
 *
 * <p>Order: the biased variant polls branch 0 first, then 1, and so on, on every poll. The fair
 * variant starts each poll at a branch chosen at random ({@link ThreadLocalRandom}, no allocation),
 * so that when several branches are ready at once each wins its share and none is starved.
 *
 * @param <T> the branches' value type
 * @param <R> the result type
 */
public final class SelectFuture<T, R> implements Future<R>, AutoCloseable {

    private final Future<? extends T>[] branches;
    private final Winner<? super T, ? extends R> winner;
    private final boolean biased;
    private final String name;
    private boolean done;

    /**
     * @param branches the branches, owned by the select from now on (the array is copied)
     * @param winner   builds the result from the winner
     * @param biased   poll in index order rather than from a random start
     * @param name     the combinator's name, for error messages
     */
    public SelectFuture(Future<? extends T>[] branches, Winner<? super T, ? extends R> winner, boolean biased,
            String name) {
        this(branches, winner, biased, name, true);
    }

    /**
     * @param branches the branches, owned by the select from now on
     * @param winner   builds the result from the winner
     * @param biased   poll in index order rather than from a random start
     * @param name     the combinator's name, for error messages
     * @param copy     whether to copy the array; {@code false} only for an array nobody else holds
     *                 (the list forms' {@code toArray} result), which saves a second copy per select
     */
    public SelectFuture(Future<? extends T>[] branches, Winner<? super T, ? extends R> winner, boolean biased,
            String name, boolean copy) {
        if (branches.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one branch");
        }
        this.branches = copy ? branches.clone() : branches;
        for (Future<? extends T> f : this.branches) {
            if (f == null) { // not requireNonNull(f, msg): that would build the message for every branch
                throw new NullPointerException("a branch of " + name + " is null");
            }
        }
        this.winner = Objects.requireNonNull(winner, "winner");
        this.biased = biased;
        this.name = name;
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion(name);
        }
        final Future<? extends T>[] bs = branches;
        final int n = bs.length;
        int i = biased || n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int k = 0; k < n; k++) {
            Future<? extends T> f = bs[i];
            Poll<? extends T> p;
            try {
                p = f.poll(cx);
            } catch (Throwable t) {
                finish(i, t);
                throw Ownership.unchecked(t); // finish() threw already if the cleanup failed
            }
            if (p instanceof Poll.Ready<? extends T> r) {
                finish(i, null);
                return Poll.ready(winner.apply(i, r.value()));
            }
            if (++i == n) {
                i = 0;
            }
        }
        return Poll.pending();
    }

    /** Releases the winner, cancels the losers; throws the first failure, {@code thrown} included. */
    private void finish(int won, Throwable thrown) {
        done = true;
        Future<? extends T> w = branches[won];
        branches[won] = null;
        Throwable failed = Ownership.release(w, thrown);
        failed = Ownership.cancelAll(branches, failed);
        if (failed != null) {
            throw Ownership.unchecked(failed);
        }
    }

    @Override
    public void close() {
        done = true;
        Ownership.rethrow(Ownership.cancelAll(branches, null));
    }
}
