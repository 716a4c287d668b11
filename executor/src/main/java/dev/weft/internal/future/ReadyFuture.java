package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * A future that is ready with a value on its first poll ({@code Futures.ready}).
 *
 * @param <T> the value type
 */
public final class ReadyFuture<T> implements Future<T> {

    private T value;
    private boolean done;

    /** @param value the value to return */
    public ReadyFuture(T value) {
        this.value = value;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion("Futures.ready");
        }
        done = true;
        T v = value;
        value = null; // the future does not keep its result alive
        return Poll.ready(v);
    }
}
