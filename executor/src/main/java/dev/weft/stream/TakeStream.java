package dev.weft.stream;

import dev.weft.Context;

/** {@link AsyncStream#take}: the first {@code n} items; then ends and closes the upstream. */
final class TakeStream<T> extends Adapter<T, T> {
    private long remaining;

    TakeStream(AsyncStream<T> up, long n) {
        super(up);
        if (n < 0) {
            throw new IllegalArgumentException("take: n < 0: " + n);
        }
        this.remaining = n;
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        if (remaining == 0) {
            return StreamPoll.end(); // early end: the shell closes the upstream
        }
        StreamPoll<T> p = up.pollNext(cx);
        if (p instanceof StreamPoll.Item<T>) {
            remaining--;
        }
        return p;
    }
}
