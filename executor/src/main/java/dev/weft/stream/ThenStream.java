package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.function.Function;

/**
 * {@link AsyncStream#then}: turns each item into a future and yields its value, one at a time and
 * in order. Closing cancels the running future, then closes the upstream.
 */
final class ThenStream<T, U> extends Adapter<T, U> {
    private final Function<? super T, ? extends Future<? extends U>> fn;
    private Future<? extends U> current; // the future of the item being processed, or null

    ThenStream(AsyncStream<T> up, Function<? super T, ? extends Future<? extends U>> fn) {
        super(up);
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    @SuppressWarnings("unchecked")
    StreamPoll<U> step(AsyncStream<T> up, Context cx) {
        Future<? extends U> f = current;
        if (f == null) {
            StreamPoll<T> p = up.pollNext(cx);
            if (!(p instanceof StreamPoll.Item<T>(T v))) {
                return (StreamPoll<U>) p;
            }
            f = current = java.util.Objects.requireNonNull(fn.apply(v), "then: the function returned null");
        }
        Poll<? extends U> r;
        try {
            r = f.poll(cx);
        } catch (Throwable t) {
            current = null;
            throw Ownership.releaseAfterFailure(f, t);
        }
        if (r instanceof Poll.Ready<? extends U>(U value)) {
            current = null;
            Ownership.release(f);
            return StreamPoll.item(value);
        }
        return StreamPoll.pending();
    }

    @Override
    void closeOwn() {
        Future<? extends U> f = current;
        current = null;
        Ownership.cancel(f);
    }
}
