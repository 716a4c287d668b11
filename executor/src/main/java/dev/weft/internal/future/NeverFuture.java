package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * A future that is never ready and never wakes anyone ({@code Futures.pending}). Stateless, so one
 * instance serves everybody.
 */
public enum NeverFuture implements Future<Object> {
    /** The one instance. */
    INSTANCE;

    @Override
    public Poll<Object> poll(Context cx) {
        return Poll.pending();
    }
}
