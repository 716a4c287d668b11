package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code Future.then}: awaits the first future, passes its value to a function that returns the
 * second future, and awaits that. Two states, one field each: while {@code first} is non-null the
 * first future runs; then {@code second}; both null means finished. The first future is released
 * before the function runs; closing cancels whichever future is current.
 *
 * @param <T> the first future's value type
 * @param <U> the second future's value type
 */
public final class ThenFuture<T, U> implements Future<U>, AutoCloseable {

    private Future<T> first;
    private Future<? extends U> second;
    private final Function<? super T, ? extends Future<? extends U>> fn;

    /**
     * @param first the first future
     * @param fn    given its value, returns the second future
     */
    public ThenFuture(Future<T> first, Function<? super T, ? extends Future<? extends U>> fn) {
        this.first = Objects.requireNonNull(first, "first");
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Poll<U> poll(Context cx) {
        Future<T> f = first;
        if (f != null) {
            T value;
            try {
                Poll<T> p = f.poll(cx);
                if (!(p instanceof Poll.Ready<T> r)) {
                    return Poll.pending();
                }
                value = r.value();
            } catch (Throwable t) {
                first = null;
                throw Ownership.releaseAfterFailure(f, t);
            }
            first = null;
            Ownership.release(f);
            second = Objects.requireNonNull(fn.apply(value), "Future.then: the function returned null");
        }
        Future<? extends U> s = second;
        if (s == null) {
            throw Ownership.pollAfterCompletion("Future.then");
        }
        Poll<? extends U> p;
        try {
            p = s.poll(cx);
        } catch (Throwable t) {
            second = null;
            throw Ownership.releaseAfterFailure(s, t);
        }
        if (p instanceof Poll.Ready<? extends U> r) {
            second = null;
            Ownership.release(s);
            return Poll.ready(r.value());
        }
        return Poll.pending();
    }

    @Override
    public void close() {
        Future<T> f = first;
        Future<? extends U> s = second;
        first = null;
        second = null;
        Ownership.rethrow(Ownership.cancel(s, Ownership.cancel(f, null)));
    }
}
