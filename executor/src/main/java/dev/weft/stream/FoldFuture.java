package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.function.BiFunction;

/**
 * {@link AsyncStream#fold} (and {@code forEach}): drives a stream to its end, folding each item into
 * an accumulator. Owns the stream: closes it when it ends, when the fold throws, or when the fold is
 * closed.
 */
final class FoldFuture<T, R> implements Future<R>, AutoCloseable {
    private AsyncStream<T> stream; // null once finished or closed
    private R acc;
    private final BiFunction<R, ? super T, R> fn;
    /** The stream as a fused cursor when its whole chain supports it (see {@link Cursor}), else null. */
    private final Cursor<T> cursor;

    FoldFuture(AsyncStream<T> stream, R init, BiFunction<R, ? super T, R> fn) {
        this.stream = java.util.Objects.requireNonNull(stream, "stream");
        this.cursor = Cursor.of(stream);
        this.acc = init;
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Poll<R> poll(Context cx) {
        AsyncStream<T> s = stream;
        if (s == null) {
            throw Ownership.pollAfterCompletion("AsyncStream.fold");
        }
        Cursor<T> c = cursor;
        if (c != null) {
            return pollFused(s, c, cx);
        }
        try {
            R a = acc;
            while (true) { // an always-ready stream spends the task's budget per item and yields
                StreamPoll<T> p = s.pollNext(cx);
                if (p instanceof StreamPoll.Item<T>(T v)) {
                    a = fn.apply(a, v);
                } else if (p instanceof StreamPoll.End) {
                    stream = null;
                    acc = null;
                    s.close();
                    return Poll.ready(a);
                } else {
                    acc = a;
                    return Poll.pending();
                }
            }
        } catch (Throwable t) {
            stream = null;
            acc = null;
            throw Ownership.releaseAfterFailure(s, t);
        }
    }

    /**
     * The same loop over {@link Cursor#pull}: no {@link StreamPoll.Item} per item per stage. Budget
     * and closing are unchanged: the source still spends one unit per item and returns
     * {@link Cursor#PENDING} when the budget is spent, each adapter still closes its upstream when
     * it ends or throws, and this future closes the stream at the end exactly as the general path.
     */
    @SuppressWarnings("unchecked")
    private Poll<R> pollFused(AsyncStream<T> s, Cursor<T> c, Context cx) {
        try {
            R a = acc;
            BiFunction<R, ? super T, R> f = fn;
            while (true) {
                Object o = c.pull(cx);
                if (o == Cursor.PENDING) {
                    acc = a;
                    return Poll.pending();
                }
                if (o == Cursor.END) {
                    stream = null;
                    acc = null;
                    s.close();
                    return Poll.ready(a);
                }
                a = f.apply(a, (T) o);
            }
        } catch (Throwable t) {
            stream = null;
            acc = null;
            throw Ownership.releaseAfterFailure(s, t);
        }
    }

    @Override
    public void close() {
        AsyncStream<T> s = stream;
        stream = null;
        acc = null;
        if (s != null) {
            s.close();
        }
    }
}
