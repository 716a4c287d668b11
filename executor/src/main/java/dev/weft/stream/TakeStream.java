package dev.weft.stream;

import dev.weft.Context;

/** {@link AsyncStream#take}: the first {@code n} items; then ends and closes the upstream. */
final class TakeStream<T> extends Adapter<T, T> {
    private long remaining;

    TakeStream(AsyncStream<T> up, long n) {
        super(up, true);
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

    @Override
    @SuppressWarnings("unchecked")
    public Object pull(Context cx) {
        Cursor<T> up = enter();
        Object o;
        try {
            if (remaining == 0) {
                o = Cursor.END; // early end: closes the upstream
            } else {
                o = up.pull(cx);
                if (o != Cursor.PENDING && o != Cursor.END) {
                    remaining--;
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }

    @Override
    public Object drain(Context cx, Sink<? super T> sink) {
        Cursor<T> up = enter();
        Object o;
        try {
            if (remaining == 0) {
                o = Cursor.END;
            } else {
                o = up.drain(cx, x -> {
                    remaining--;
                    return sink.accept(x) && remaining > 0; // stop at the n-th item: never pull an extra one
                });
                if (remaining == 0) {
                    o = Cursor.END; // early end: closes the upstream
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }
}
