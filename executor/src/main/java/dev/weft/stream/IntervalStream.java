package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.time.Instant;
import dev.weft.time.Interval;

/** {@link AsyncStream#interval}: the ticks of an {@link Interval}, endless; closing closes it. */
final class IntervalStream implements AsyncStream<Instant> {
    private final Interval interval;
    private boolean closed;

    IntervalStream(Interval interval) {
        this.interval = java.util.Objects.requireNonNull(interval, "interval");
    }

    @Override
    public StreamPoll<Instant> pollNext(Context cx) {
        if (closed) {
            throw new IllegalStateException("AsyncStream.interval polled after close()");
        }
        Poll<Instant> p = interval.pollTick(cx);
        return p instanceof Poll.Ready<Instant>(Instant t) ? StreamPoll.item(t) : StreamPoll.pending();
    }

    @Override
    public void close() {
        closed = true;
        interval.close();
    }
}
