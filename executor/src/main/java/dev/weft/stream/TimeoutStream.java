package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.time.Time;
import dev.weft.time.Timeout;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link AsyncStream#timeout}: each item must arrive within {@code limit} of the adapter starting to
 * wait for it, or the stream fails with {@link dev.weft.time.Elapsed} (and, like any adapter that
 * throws, closes its upstream). The wait for one item is a {@link Time#timeout} over a
 * {@link NextFuture} that borrows the upstream, so an item is never lost to the deadline: it is
 * taken only by a poll that returns it.
 */
final class TimeoutStream<T> extends Adapter<T, T> {
    private final Duration limit;
    private Timeout<Optional<T>> waiting; // the wait for the next item, or null between items

    TimeoutStream(AsyncStream<T> up, Duration limit) {
        super(up);
        this.limit = java.util.Objects.requireNonNull(limit, "limit");
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        Timeout<Optional<T>> w = waiting;
        if (w == null) {
            w = waiting = Time.timeout(limit, new NextFuture<>(up));
        }
        Poll<Optional<T>> p;
        try {
            p = w.poll(cx); // throws Elapsed when the deadline passes; the shell then closes everything
        } catch (RuntimeException | Error e) {
            waiting = null; // a finished Timeout has released its timer
            throw e;
        }
        if (!(p instanceof Poll.Ready<Optional<T>>(Optional<T> next))) {
            return StreamPoll.pending();
        }
        waiting = null;
        w.close(); // releases the timer (the NextFuture has nothing to close)
        return next.isPresent() ? StreamPoll.item(next.get()) : StreamPoll.end();
    }

    @Override
    void closeOwn() {
        Timeout<Optional<T>> w = waiting;
        waiting = null;
        if (w != null) {
            w.close();
        }
    }
}
