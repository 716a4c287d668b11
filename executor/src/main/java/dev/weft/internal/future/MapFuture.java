package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code Future.map}: polls the inner future and applies a function to its value. The inner future
 * is released (closed) as soon as it finishes, before the function runs; closing the map closes an
 * unfinished inner future.
 *
 * @param <T> the inner value type
 * @param <U> the mapped type
 */
public final class MapFuture<T, U> implements Future<U>, AutoCloseable {

    private Future<T> inner; // null once finished or closed
    private final Function<? super T, ? extends U> fn;

    /**
     * @param inner the future to map
     * @param fn    applied to its value
     */
    public MapFuture(Future<T> inner, Function<? super T, ? extends U> fn) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Poll<U> poll(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            throw Ownership.pollAfterCompletion("Future.map");
        }
        T value;
        try {
            Poll<T> p = f.poll(cx);
            if (!(p instanceof Poll.Ready<T> r)) {
                return Poll.pending();
            }
            value = r.value();
        } catch (Throwable t) {
            inner = null;
            throw Ownership.releaseAfterFailure(f, t);
        }
        inner = null;
        Ownership.release(f);
        return Poll.ready(fn.apply(value));
    }

    @Override
    public void close() {
        Future<T> f = inner;
        inner = null;
        Ownership.cancel(f);
    }
}
