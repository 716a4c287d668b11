package dev.weft.stream;

import dev.weft.Context;
import java.util.Optional;
import java.util.function.Function;

/** {@link AsyncStream#filterMap}: maps each item to an optional one, keeping the present ones. */
final class FilterMapStream<T, U> extends Adapter<T, U> {
    private final Function<? super T, Optional<? extends U>> fn;

    FilterMapStream(AsyncStream<T> up, Function<? super T, Optional<? extends U>> fn) {
        super(up, true);
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    @SuppressWarnings("unchecked")
    StreamPoll<U> step(AsyncStream<T> up, Context cx) {
        while (true) {
            StreamPoll<T> p = up.pollNext(cx);
            if (!(p instanceof StreamPoll.Item<T>(T v))) {
                return (StreamPoll<U>) p;
            }
            Optional<? extends U> u = fn.apply(v);
            if (u.isPresent()) {
                return StreamPoll.item(u.get());
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object pull(Context cx) {
        Cursor<T> up = enter();
        Object o;
        try {
            while (true) {
                o = up.pull(cx);
                if (o == Cursor.PENDING || o == Cursor.END) {
                    break;
                }
                Optional<? extends U> u = fn.apply((T) o);
                if (u.isPresent()) {
                    o = u.get();
                    break;
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }

    @Override
    public Object drain(Context cx, Sink<? super U> sink) {
        Cursor<T> up = enter();
        Function<? super T, Optional<? extends U>> f = fn;
        Object o;
        try {
            o = up.drain(cx, x -> {
                Optional<? extends U> u = f.apply(x);
                return u.isEmpty() || sink.accept(u.get());
            });
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }
}
