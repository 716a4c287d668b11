package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;

/**
 * {@link AsyncStream#buffered} and {@link AsyncStream#bufferUnordered}: runs up to {@code limit}
 * futures of a stream of futures at once, and yields their values in stream order (buffered) or as
 * they finish (unordered).
 *
 * <p>The futures sit in a ring of {@code limit} slots ({@link #head}, {@link #count}); a finished
 * future's value waits in its slot until it is its turn. Every poll pulls futures while a slot is
 * free, then polls every unfinished future once; no allocation after construction. Closing cancels
 * the running futures in stream order, then closes the upstream.
 */
final class BufferedStream<T> extends Adapter<Future<? extends T>, T> {
    private final Future<? extends T>[] running; // slot -> unfinished future, or null
    private final Object[] values; // slot -> finished value
    private final boolean[] finished;
    private final boolean ordered;
    private int head;
    private int count;
    private boolean upstreamEnded;

    @SuppressWarnings({"unchecked", "rawtypes"})
    BufferedStream(AsyncStream<Future<? extends T>> up, int limit, boolean ordered) {
        super(up);
        if (limit <= 0) {
            throw new IllegalArgumentException("buffer limit <= 0: " + limit);
        }
        this.running = new Future[limit];
        this.values = new Object[limit];
        this.finished = new boolean[limit];
        this.ordered = ordered;
    }

    @Override
    StreamPoll<T> step(AsyncStream<Future<? extends T>> up, Context cx) {
        final int cap = running.length;
        while (!upstreamEnded && count < cap) {
            StreamPoll<Future<? extends T>> p = up.pollNext(cx);
            if (p instanceof StreamPoll.Item<Future<? extends T>>(Future<? extends T> f)) {
                int slot = (head + count) % cap;
                running[slot] = f;
                count++;
            } else if (p instanceof StreamPoll.End) {
                upstreamEnded = true;
            } else {
                break;
            }
        }
        int ready = -1;
        for (int k = 0; k < count; k++) {
            int slot = (head + k) % cap;
            if (!finished[slot]) {
                pollSlot(slot, cx);
            }
            if (ready < 0 && finished[slot] && (!ordered || k == 0)) {
                ready = slot;
            }
        }
        if (ready >= 0) {
            return StreamPoll.item(take(ready));
        }
        return count == 0 && upstreamEnded ? StreamPoll.end() : StreamPoll.pending();
    }

    private void pollSlot(int slot, Context cx) {
        Future<? extends T> f = running[slot];
        Poll<? extends T> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            running[slot] = null;
            throw Ownership.releaseAfterFailure(f, t);
        }
        if (p instanceof Poll.Ready<? extends T>(T v)) {
            running[slot] = null;
            values[slot] = v;
            finished[slot] = true;
            Ownership.release(f);
        }
    }

    /** Removes a finished slot; for the unordered case the head slot moves into the hole. */
    @SuppressWarnings("unchecked")
    private T take(int slot) {
        T v = (T) values[slot];
        if (slot != head) {
            running[slot] = running[head];
            values[slot] = values[head];
            finished[slot] = finished[head];
        }
        running[head] = null;
        values[head] = null;
        finished[head] = false;
        head = (head + 1) % running.length;
        count--;
        return v;
    }

    @Override
    void closeOwn() {
        Throwable failed = null;
        for (int k = 0; k < count; k++) {
            int slot = (head + k) % running.length;
            Future<? extends T> f = running[slot];
            running[slot] = null;
            values[slot] = null;
            failed = Ownership.cancel(f, failed);
        }
        count = 0;
        Ownership.rethrow(failed);
    }
}
