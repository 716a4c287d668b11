package dev.weft.stream;

import dev.weft.Context;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AsyncStream#chunksTimeout}: lists of up to {@code size} items; a list is yielded when it is
 * full, or when {@code maxWait} has passed since its first item arrived, whichever comes first. The
 * timer runs only while a list is partly filled. An item that arrives after the deadline of the list
 * being filled (the upstream was busy, or the clock jumped) goes into the next list. Closing drops a partly filled list and cancels the
 * timer, then closes the upstream.
 */
final class ChunksTimeoutStream<T> extends Adapter<T, List<T>> {
    private final int size;
    private final Duration maxWait;
    private List<T> chunk; // null while empty
    private Sleep deadline; // running while chunk != null
    private boolean upstreamEnded;

    ChunksTimeoutStream(AsyncStream<T> up, int size, Duration maxWait) {
        super(up);
        if (size <= 0) {
            throw new IllegalArgumentException("chunksTimeout: size <= 0: " + size);
        }
        this.size = size;
        this.maxWait = java.util.Objects.requireNonNull(maxWait, "maxWait");
    }

    @Override
    StreamPoll<List<T>> step(AsyncStream<T> up, Context cx) {
        if (upstreamEnded) {
            return StreamPoll.end();
        }
        while (true) {
            switch (up.pollNext(cx)) {
                case StreamPoll.Item<T>(T v) -> {
                    if (chunk != null && deadline.isElapsed()) {
                        // the list was due before this item came: yield it, and v starts the next
                        List<T> due = chunk;
                        closeDeadline();
                        startChunk(v);
                        return StreamPoll.item(due);
                    }
                    if (chunk == null) {
                        chunk = new ArrayList<>(Math.min(size, 1024));
                        deadline = Time.sleep(maxWait);
                    }
                    chunk.add(v);
                    if (chunk.size() == size) {
                        return flush();
                    }
                }
                case StreamPoll.Pending<T> p -> {
                    if (chunk != null && deadline.poll(cx).isReady()) {
                        return flush();
                    }
                    return StreamPoll.pending();
                }
                case StreamPoll.End<T> e -> {
                    upstreamEnded = true;
                    return chunk == null ? StreamPoll.end() : flush();
                }
            }
        }
    }

    private void startChunk(T first) {
        chunk = new ArrayList<>(Math.min(size, 1024));
        chunk.add(first);
        deadline = Time.sleep(maxWait);
    }

    private StreamPoll<List<T>> flush() {
        List<T> c = chunk;
        chunk = null;
        closeDeadline();
        return StreamPoll.item(c);
    }

    private void closeDeadline() {
        Sleep d = deadline;
        deadline = null;
        if (d != null) {
            d.close();
        }
    }

    @Override
    void closeOwn() {
        chunk = null;
        closeDeadline();
    }
}
