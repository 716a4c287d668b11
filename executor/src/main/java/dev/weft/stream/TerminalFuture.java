package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;

/**
 * The shell of the consumers that drive a stream to its end ({@link AsyncStream#fold},
 * {@code foldLong}, {@code forEach}, {@code collect}): it owns the stream and closes it exactly
 * once, when the stream ends, when the consumer's function throws, or when the future is closed. A
 * subclass writes only {@link #accept} (take one item) and {@link #result} (the value at the end).
 *
 * <p>When the whole chain is fused ({@link Cursor#of}) the items are pushed with
 * {@link Cursor#drain} into {@link #accept}; otherwise they are polled one by one. Both paths spend
 * the same budget and close the same way.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
abstract class TerminalFuture<T, R> implements Future<R>, AutoCloseable, Cursor.Sink<T> {
    private AsyncStream<T> stream; // null once finished or closed
    /** The stream as a fused cursor when its whole chain supports it, else null. */
    private final Cursor<T> cursor;
    private final String name;

    /**
     * @param stream the stream, owned from now on
     * @param name   the operation, for the poll-after-completion error
     */
    TerminalFuture(AsyncStream<T> stream, String name) {
        this.stream = java.util.Objects.requireNonNull(stream, "stream");
        this.cursor = Cursor.of(stream);
        this.name = name;
    }

    /**
     * Takes one item.
     *
     * @param item the item
     * @return {@code true}: a terminal operation always wants the next item
     */
    @Override
    public abstract boolean accept(T item);

    /** @return the value to complete with, once the stream has ended; then drops what it holds */
    abstract R result();

    /** Drops what the subclass holds (the stream failed or the future was closed). */
    abstract void clear();

    @Override
    public final Poll<R> poll(Context cx) {
        AsyncStream<T> s = stream;
        if (s == null) {
            throw Ownership.pollAfterCompletion(name);
        }
        try {
            Cursor<T> c = cursor;
            if (c != null) {
                if (c.drain(cx, this) == Cursor.PENDING) { // accept never stops the drain
                    return Poll.pending();
                }
            } else {
                while (true) { // an always-ready stream spends the task's budget per item and yields
                    StreamPoll<T> p = s.pollNext(cx);
                    if (p instanceof StreamPoll.Item<T>(T v)) {
                        accept(v);
                    } else if (p instanceof StreamPoll.End) {
                        break;
                    } else {
                        return Poll.pending();
                    }
                }
            }
        } catch (Throwable t) {
            stream = null;
            clear();
            throw Ownership.releaseAfterFailure(s, t);
        }
        stream = null;
        s.close();
        return Poll.ready(result());
    }

    @Override
    public final void close() {
        AsyncStream<T> s = stream;
        stream = null;
        clear();
        if (s != null) {
            s.close();
        }
    }
}
