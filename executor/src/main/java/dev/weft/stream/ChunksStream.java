package dev.weft.stream;

import dev.weft.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AsyncStream#chunks}: lists of {@code size} items; the last one may be shorter. A chunk
 * being filled when the adapter is closed is dropped.
 */
final class ChunksStream<T> extends Adapter<T, List<T>> {
    private final int size;
    private List<T> chunk;
    private boolean upstreamEnded;

    ChunksStream(AsyncStream<T> up, int size) {
        super(up);
        if (size <= 0) {
            throw new IllegalArgumentException("chunks: size <= 0: " + size);
        }
        this.size = size;
    }

    @Override
    StreamPoll<List<T>> step(AsyncStream<T> up, Context cx) {
        if (upstreamEnded) {
            return StreamPoll.end();
        }
        while (true) {
            switch (up.pollNext(cx)) {
                case StreamPoll.Item<T>(T v) -> {
                    if (chunk == null) {
                        chunk = new ArrayList<>(Math.min(size, 1024));
                    }
                    chunk.add(v);
                    if (chunk.size() == size) {
                        return flush();
                    }
                }
                case StreamPoll.Pending<T> p -> {
                    return StreamPoll.pending();
                }
                case StreamPoll.End<T> e -> {
                    upstreamEnded = true;
                    return chunk == null ? StreamPoll.end() : flush();
                }
            }
        }
    }

    private StreamPoll<List<T>> flush() {
        List<T> c = chunk;
        chunk = null;
        return StreamPoll.item(c);
    }

    @Override
    void closeOwn() {
        chunk = null;
    }
}
