package dev.weft.stream;

import dev.weft.Context;
import java.util.function.Function;

/** {@link AsyncStream#map}: applies a function to each item. */
final class MapStream<T, U> extends Adapter<T, U> {
    private final Function<? super T, ? extends U> fn;

    MapStream(AsyncStream<T> up, Function<? super T, ? extends U> fn) {
        super(up, true);
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    @SuppressWarnings("unchecked")
    StreamPoll<U> step(AsyncStream<T> up, Context cx) {
        StreamPoll<T> p = up.pollNext(cx);
        if (p instanceof StreamPoll.Item<T>(T v)) {
            return StreamPoll.item(fn.apply(v));
        }
        return (StreamPoll<U>) p; // Pending and End carry no item
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object pull(Context cx) {
        Cursor<T> up = enter();
        Object o;
        try {
            o = up.pull(cx);
            if (o != Cursor.PENDING && o != Cursor.END) {
                o = java.util.Objects.requireNonNull(fn.apply((T) o), "stream items must not be null");
            }
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }

    @Override
    public Object drain(Context cx, Sink<? super U> sink) {
        Cursor<T> up = enter();
        Function<? super T, ? extends U> f = fn;
        Object o;
        try {
            o = up.drain(cx, x -> sink.accept(java.util.Objects.requireNonNull(f.apply(x), "stream items must not be null")));
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }
}
