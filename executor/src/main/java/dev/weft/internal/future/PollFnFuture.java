package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;

/**
 * A future whose {@code poll} is a function, guarded so that it is never called after it returned
 * {@code Ready} or threw ({@code Futures.pollFn}).
 *
 * @param <T> the value type
 */
public final class PollFnFuture<T> implements Future<T> {

    private Future<T> fn; // null once finished

    /** @param fn the poll function */
    public PollFnFuture(Future<T> fn) {
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Poll<T> poll(Context cx) {
        Future<T> f = fn;
        if (f == null) {
            throw Ownership.pollAfterCompletion("Futures.pollFn");
        }
        Poll<T> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            fn = null;
            throw t;
        }
        if (p.isReady()) {
            fn = null;
        }
        return p;
    }
}
