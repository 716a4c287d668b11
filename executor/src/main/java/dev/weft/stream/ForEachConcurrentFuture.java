package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.function.Function;

/**
 * {@link AsyncStream#forEachConcurrent}: runs {@code fn(item)} for up to {@code limit} items at once.
 *
 * <p>The running futures occupy {@code running[0..count)}; a finished one is replaced by the last.
 * Each poll loops: pull items while a slot is free, poll every running future once, and stop when a
 * round made no progress. On the first failure the failed future is closed, the other running
 * futures are cancelled (in slot order), the stream is closed, and the exception propagates. Closing does the same without an
 * exception.
 */
final class ForEachConcurrentFuture<T> implements Future<Void>, AutoCloseable {
    private AsyncStream<T> stream; // null once it ended or was closed
    private final Function<? super T, ? extends Future<?>> fn;
    private final Future<?>[] running;
    private int count;
    private boolean done;

    ForEachConcurrentFuture(AsyncStream<T> stream, int limit, Function<? super T, ? extends Future<?>> fn) {
        if (limit <= 0) {
            throw new IllegalArgumentException("forEachConcurrent: limit <= 0: " + limit);
        }
        this.stream = java.util.Objects.requireNonNull(stream, "stream");
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
        this.running = new Future<?>[limit];
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw Ownership.pollAfterCompletion("AsyncStream.forEachConcurrent");
        }
        try {
            while (true) {
                pull(cx);
                boolean progress = false;
                for (int i = 0; i < count; ) {
                    Future<?> f = running[i];
                    boolean ready;
                    try {
                        ready = f.poll(cx).isReady();
                    } catch (Throwable t) {
                        running[i] = null; // the failed future is closed first, then the others
                        throw Ownership.releaseAfterFailure(f, t);
                    }
                    if (ready) {
                        running[i] = running[--count];
                        running[count] = null;
                        Ownership.release(f);
                        progress = true;
                    } else {
                        i++;
                    }
                }
                if (stream == null && count == 0) {
                    done = true;
                    return Poll.ready(null);
                }
                if (!progress) {
                    return Poll.pending();
                }
            }
        } catch (Throwable t) {
            Throwable all = t;
            try {
                close();
            } catch (Throwable c) {
                all = Ownership.merge(t, c);
            }
            throw Ownership.unchecked(all);
        }
    }

    private void pull(Context cx) {
        AsyncStream<T> s = stream;
        while (s != null && count < running.length) {
            StreamPoll<T> p = s.pollNext(cx);
            if (p instanceof StreamPoll.Item<T>(T v)) {
                running[count++] = java.util.Objects.requireNonNull(fn.apply(v), "forEachConcurrent: fn returned null");
            } else {
                if (p instanceof StreamPoll.End) {
                    stream = null;
                    s.close();
                }
                return;
            }
        }
    }

    /** Cancels the running futures in slot order, then closes the stream. */
    @Override
    public void close() {
        done = true;
        Throwable failed = null;
        for (int i = 0; i < count; i++) {
            Future<?> f = running[i];
            running[i] = null;
            failed = Ownership.cancel(f, failed);
        }
        count = 0;
        AsyncStream<T> s = stream;
        stream = null;
        Ownership.rethrow(Ownership.release(s, failed));
    }
}
