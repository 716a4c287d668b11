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
abstract class Adapter<T, U> implements AsyncStream<U> {

    private AsyncStream<T> upstream; // null once closed
    private boolean finished; // returned End, threw, or was closed

    Adapter(AsyncStream<T> upstream) {
        this.upstream = java.util.Objects.requireNonNull(upstream, "upstream");
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
            throw new IllegalStateException(getClass().getSimpleName()
                    + " polled after it ended or was closed: a stream must not be polled again after End");
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
        upstream = null;
        try {
            closeOwn();
        } finally {
            if (up != null) {
                up.close();
            }
        }
    }
}
