package dev.weft.stream;

import dev.weft.Context;
import java.util.function.Predicate;

/** {@link AsyncStream#filter}: drops the items a predicate rejects. */
final class FilterStream<T> extends Adapter<T, T> {
    private final Predicate<? super T> keep;

    FilterStream(AsyncStream<T> up, Predicate<? super T> keep) {
        super(up, true);
        this.keep = java.util.Objects.requireNonNull(keep, "predicate");
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        while (true) { // bounded: an always-ready upstream spends the task's budget per item
            StreamPoll<T> p = up.pollNext(cx);
            if (!(p instanceof StreamPoll.Item<T>(T v)) || keep.test(v)) {
                return p;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object pull(Context cx) {
        Cursor<T> up = enter();
        Object o;
        try {
            do {
                o = up.pull(cx);
            } while (o != Cursor.PENDING && o != Cursor.END && !keep.test((T) o));
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }

    @Override
    public Object drain(Context cx, Sink<? super T> sink) {
        Cursor<T> up = enter();
        Predicate<? super T> k = keep;
        Object o;
        try {
            o = up.drain(cx, x -> !k.test(x) || sink.accept(x));
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }
}
