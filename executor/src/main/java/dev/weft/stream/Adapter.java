package dev.weft.stream;

import dev.weft.Context;
import dev.weft.internal.future.Ownership;

/**
 * The common shell of the one-upstream adapters: it enforces "never poll after the end" and closes
 * the upstream exactly once, when the adapter ends (naturally, early, or by throwing) or is closed.
 * A subclass writes only {@link #step}: the adapter's logic for one poll.
 *
 * @param <T> the upstream item type
 * @param <U> the adapter's item type
 */
abstract class Adapter<T, U> implements AsyncStream<U>, Cursor<U> {

    private AsyncStream<T> upstream; // null once closed
    /** The upstream as a fused cursor, when this adapter fuses and the upstream chain does; else null. */
    Cursor<T> cursor;
    private boolean finished; // returned End, threw, or was closed

    /** An adapter without a fused path ({@link #fused()} is false). */
    Adapter(AsyncStream<T> upstream) {
        this(upstream, false);
    }

    /**
     * @param upstream the upstream, owned from now on
     * @param fuses    whether the subclass overrides {@link #pull} (then it is used when the upstream
     *                 chain is fused too)
     */
    Adapter(AsyncStream<T> upstream, boolean fuses) {
        this.upstream = java.util.Objects.requireNonNull(upstream, "upstream");
        this.cursor = fuses ? Cursor.of(upstream) : null;
    }

    @Override
    public final boolean fused() {
        return cursor != null;
    }

    /**
     * The fused form of {@link #pollNext}: a subclass that fuses overrides it, and {@link #drain},
     * with the same logic as its {@link #step}, bracketed by {@link #enter()},
     * {@link #failed(Throwable)} and {@link #ended()} exactly as {@code pollNext} brackets
     * {@code step}. (Each subclass writes its own bracket rather than sharing one final method, so
     * that C2 sees one monomorphic call site per stage and inlines the whole chain.)
     */
    @Override
    public Object pull(Context cx) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no fused path");
    }

    /** The start of {@link #pull} and {@link #drain}: the upstream cursor, or the poll-after-end failure. */
    final Cursor<T> enter() {
        if (finished) {
            throw pollAfterEnd();
        }
        return cursor;
    }

    /** The failure path of {@link #pull}: closes, merges a close failure, returns what to throw. */
    final RuntimeException failed(Throwable t) {
        Throwable all = t;
        try {
            close();
        } catch (Throwable c) {
            all = Ownership.merge(t, c);
        }
        return Ownership.unchecked(all);
    }

    /** The end path of {@link #pull} and {@link #drain}: closes, returns {@link Cursor#END}. */
    final Object ended() {
        close();
        return Cursor.END;
    }

    private IllegalStateException pollAfterEnd() {
        return new IllegalStateException(getClass().getSimpleName()
                + " polled after it ended or was closed: a stream must not be polled again after End");
    }

    /**
     * One poll of the adapter. May return {@code End} before the upstream ends (the shell then
     * closes the upstream); must return {@code End} once the upstream did, possibly after flushing.
     */
    abstract StreamPoll<U> step(AsyncStream<T> up, Context cx);

    /** Releases what the subclass holds beyond the upstream; runs before the upstream is closed. */
    void closeOwn() {}

    @Override
    public final StreamPoll<U> pollNext(Context cx) {
        if (finished) {
            throw pollAfterEnd();
        }
        StreamPoll<U> p;
        try {
            p = step(upstream, cx);
        } catch (Throwable t) {
            Throwable all = t;
            try {
                close();
            } catch (Throwable c) {
                all = Ownership.merge(t, c);
            }
            throw Ownership.unchecked(all);
        }
        if (p instanceof StreamPoll.End<U>) {
            close();
        }
        return p;
    }

    @Override
    public final void close() {
        finished = true;
        AsyncStream<T> up = upstream;
        if (up == null) {
            return; // closed already: a failure pushed through a drain reaches every stage's bracket
        }
        upstream = null;
        cursor = null;
        try {
            closeOwn();
        } finally {
            up.close();
        }
    }
}
