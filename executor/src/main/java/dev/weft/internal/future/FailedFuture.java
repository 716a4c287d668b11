package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;

/**
 * A future that throws a given exception on its first poll ({@code Futures.failed}).
 *
 * @param <T> the value type it never produces
 */
public final class FailedFuture<T> implements Future<T> {

    private final RuntimeException error;
    private boolean done;

    /** @param error what to throw */
    public FailedFuture(RuntimeException error) {
        this.error = Objects.requireNonNull(error, "error");
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion("Futures.failed");
        }
        done = true;
        throw error;
    }
}
