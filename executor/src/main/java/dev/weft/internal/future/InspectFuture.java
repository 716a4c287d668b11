package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code Future.inspect}: passes the inner future's value to a consumer, then returns it unchanged.
 * Ownership as in {@link MapFuture}.
 *
 * @param <T> the value type
 */
public final class InspectFuture<T> implements Future<T>, AutoCloseable {

    private Future<T> inner; // null once finished or closed
    private final Consumer<? super T> action;

    /**
     * @param inner  the future to watch
     * @param action given its value
     */
    public InspectFuture(Future<T> inner, Consumer<? super T> action) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    public Poll<T> poll(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            throw Ownership.pollAfterCompletion("Future.inspect");
        }
        Poll<T> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            inner = null;
            throw Ownership.releaseAfterFailure(f, t);
        }
        if (p instanceof Poll.Ready<T> r) {
            inner = null;
            Ownership.release(f);
            action.accept(r.value());
        }
        return p;
    }

    @Override
    public void close() {
        Future<T> f = inner;
        inner = null;
        Ownership.cancel(f);
    }
}
