package dev.weft.stream;

import dev.weft.Context;
import dev.weft.internal.future.Ownership;
import java.util.function.BiFunction;

/**
 * {@link AsyncStream#zip}: pairs the n-th items of two streams. Ends as soon as either ends (an item
 * of the other stream waiting for its partner is dropped); then, or when closed, closes the left
 * stream, then the right.
 */
final class ZipStream<A, B, R> implements AsyncStream<R> {
    private AsyncStream<A> left;
    private AsyncStream<B> right;
    private final BiFunction<? super A, ? super B, ? extends R> combiner;
    private A heldLeft; // a left item waiting for its right partner
    private boolean finished;

    ZipStream(AsyncStream<A> left, AsyncStream<B> right, BiFunction<? super A, ? super B, ? extends R> combiner) {
        this.left = java.util.Objects.requireNonNull(left, "left");
        this.right = java.util.Objects.requireNonNull(right, "right");
        this.combiner = java.util.Objects.requireNonNull(combiner, "combiner");
    }

    @Override
    public StreamPoll<R> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("zip polled after it ended or was closed");
        }
        try {
            if (heldLeft == null) {
                switch (left.pollNext(cx)) {
                    case StreamPoll.Item<A>(A a) -> heldLeft = a;
                    case StreamPoll.Pending<A> p -> {
                        return StreamPoll.pending();
                    }
                    case StreamPoll.End<A> e -> {
                        close();
                        return StreamPoll.end();
                    }
                }
            }
            return switch (right.pollNext(cx)) {
                case StreamPoll.Item<B>(B b) -> {
                    A a = heldLeft;
                    heldLeft = null;
                    yield StreamPoll.item(combiner.apply(a, b));
                }
                case StreamPoll.Pending<B> p -> StreamPoll.pending();
                case StreamPoll.End<B> e -> {
                    close();
                    yield StreamPoll.end();
                }
            };
        } catch (Throwable t) {
            throw Ownership.releaseAfterFailure(this, t);
        }
    }

    @Override
    public void close() {
        finished = true;
        heldLeft = null;
        AsyncStream<A> l = left;
        AsyncStream<B> r = right;
        left = null;
        right = null;
        Ownership.rethrow(Ownership.release(r, Ownership.release(l, null)));
    }
}
