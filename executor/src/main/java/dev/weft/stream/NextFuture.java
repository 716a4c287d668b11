package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.Optional;

/**
 * {@link AsyncStream#next}: the stream's next item. Borrows the stream: never closes it.
 */
final class NextFuture<T> implements Future<Optional<T>> {
    private final AsyncStream<T> stream;
    private boolean done;

    NextFuture(AsyncStream<T> stream) {
        this.stream = stream;
    }

    @Override
    public Poll<Optional<T>> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion("AsyncStream.next");
        }
        StreamPoll<T> p = stream.pollNext(cx);
        if (p instanceof StreamPoll.Pending) {
            return Poll.pending();
        }
        done = true;
        return Poll.ready(p instanceof StreamPoll.Item<T>(T v) ? Optional.of(v) : Optional.empty());
    }
}
