package dev.weft.stream;

import dev.weft.Context;
import dev.weft.internal.future.Ownership;

/**
 * {@link AsyncStream#chain}: every item of the first stream, then every item of the second. The
 * first is closed when it ends; closing the chain closes the first (if still open), then the
 * second.
 */
final class ChainStream<T> implements AsyncStream<T> {
    private AsyncStream<? extends T> first; // null once ended or closed
    private AsyncStream<? extends T> second; // null once ended or closed
    private boolean finished;

    ChainStream(AsyncStream<? extends T> first, AsyncStream<? extends T> second) {
        this.first = java.util.Objects.requireNonNull(first, "first");
        this.second = java.util.Objects.requireNonNull(second, "second");
    }

    @Override
    @SuppressWarnings("unchecked")
    public StreamPoll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("chain polled after it ended or was closed");
        }
        try {
            if (first != null) {
                StreamPoll<? extends T> p = first.pollNext(cx);
                if (!(p instanceof StreamPoll.End)) {
                    return (StreamPoll<T>) p;
                }
                AsyncStream<? extends T> f = first;
                first = null;
                f.close();
            }
            StreamPoll<? extends T> p = second.pollNext(cx);
            if (p instanceof StreamPoll.End) {
                close();
            }
            return (StreamPoll<T>) p;
        } catch (Throwable t) {
            throw Ownership.releaseAfterFailure(this, t);
        }
    }

    @Override
    public void close() {
        finished = true;
        AsyncStream<? extends T> f = first;
        AsyncStream<? extends T> s = second;
        first = null;
        second = null;
        Ownership.rethrow(Ownership.release(s, Ownership.release(f, null)));
    }
}
