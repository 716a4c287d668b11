package dev.weft.stream;

import dev.weft.Context;
import dev.weft.internal.future.Ownership;

/**
 * {@link AsyncStream#merge}: items of two streams as they come. Each poll starts with the stream the
 * previous poll started second, so two always-ready streams alternate and neither starves. Each
 * stream is closed when it ends; the merge ends when both have. Closing closes this stream's left
 * side, then the right.
 */
final class MergeStream<T> implements AsyncStream<T> {
    private AsyncStream<? extends T> left; // null once ended or closed
    private AsyncStream<? extends T> right; // null once ended or closed
    private boolean rightFirst;
    private boolean finished;

    MergeStream(AsyncStream<? extends T> left, AsyncStream<? extends T> right) {
        this.left = java.util.Objects.requireNonNull(left, "left");
        this.right = java.util.Objects.requireNonNull(right, "right");
    }

    @Override
    public StreamPoll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("merge polled after it ended or was closed");
        }
        try {
            boolean r = rightFirst;
            rightFirst = !r;
            StreamPoll<T> p = pollSide(r, cx);
            if (p instanceof StreamPoll.Item) {
                return p;
            }
            StreamPoll<T> q = pollSide(!r, cx);
            if (q instanceof StreamPoll.Item) {
                return q;
            }
            if (left == null && right == null) {
                close();
                return StreamPoll.end();
            }
            return StreamPoll.pending();
        } catch (Throwable t) {
            throw Ownership.releaseAfterFailure(this, t);
        }
    }

    /** Polls one side; closes and forgets it if it ended. An ended side counts as pending here. */
    @SuppressWarnings("unchecked")
    private StreamPoll<T> pollSide(boolean rightSide, Context cx) {
        AsyncStream<? extends T> s = rightSide ? right : left;
        if (s == null) {
            return StreamPoll.end();
        }
        StreamPoll<? extends T> p = s.pollNext(cx);
        if (p instanceof StreamPoll.End) {
            if (rightSide) {
                right = null;
            } else {
                left = null;
            }
            s.close();
        }
        return (StreamPoll<T>) p;
    }

    @Override
    public void close() {
        finished = true;
        AsyncStream<? extends T> l = left;
        AsyncStream<? extends T> r = right;
        left = null;
        right = null;
        Ownership.rethrow(Ownership.release(r, Ownership.release(l, null)));
    }
}
