package dev.weft.stream;

import dev.weft.Context;

/** {@link AsyncStream#skip}: drops the first {@code n} items. */
final class SkipStream<T> extends Adapter<T, T> {
    private long toSkip;

    SkipStream(AsyncStream<T> up, long n) {
        super(up, true);
        if (n < 0) {
            throw new IllegalArgumentException("skip: n < 0: " + n);
        }
        this.toSkip = n;
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        while (true) {
            StreamPoll<T> p = up.pollNext(cx);
            if (toSkip == 0 || !(p instanceof StreamPoll.Item<T>)) {
                return p;
            }
            toSkip--;
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
                if (toSkip == 0 || o == Cursor.PENDING || o == Cursor.END) {
                    break;
                }
                toSkip--;
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
            o = up.drain(cx, x -> {
                if (toSkip > 0) {
                    toSkip--;
                    return true;
                }
                return sink.accept(x);
            });
        } catch (Throwable t) {
            throw failed(t);
        }
        return o == Cursor.END ? ended() : o;
    }
}
