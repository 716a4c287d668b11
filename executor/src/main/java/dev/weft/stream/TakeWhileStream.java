package dev.weft.stream;

import dev.weft.Context;
import java.util.function.Predicate;

/** {@link AsyncStream#takeWhile}: items while a predicate holds; the first rejected item ends it. */
final class TakeWhileStream<T> extends Adapter<T, T> {
    private final Predicate<? super T> keepGoing;

    TakeWhileStream(AsyncStream<T> up, Predicate<? super T> keepGoing) {
        super(up, true);
        this.keepGoing = java.util.Objects.requireNonNull(keepGoing, "predicate");
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        StreamPoll<T> p = up.pollNext(cx);
        if (p instanceof StreamPoll.Item<T>(T v) && !keepGoing.test(v)) {
            return StreamPoll.end(); // the rejected item is dropped; the shell closes the upstream
        }
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object pull(Context cx) {
        Cursor<T> up = enter();
        Object o;
        try {
            o = up.pull(cx);
            if (o != Cursor.PENDING && o != Cursor.END && !keepGoing.test((T) o)) {
                o = Cursor.END; // the rejected item is dropped; closes the upstream
            }
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }

    @Override
    public Object drain(Context cx, Sink<? super T> sink) {
        Cursor<T> up = enter();
        Predicate<? super T> k = keepGoing;
        boolean[] rejected = {false};
        Object o;
        try {
            o = up.drain(cx, x -> {
                if (!k.test(x)) {
                    rejected[0] = true; // the rejected item is dropped
                    return false;
                }
                return sink.accept(x);
            });
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END || rejected[0] ? ended() : o;
    }
}
