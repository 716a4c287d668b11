package dev.weft.channel;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.WaitNode;

/**
 * The future of {@link Broadcast.Receiver#recv()}: reads without a lock, and when there is nothing
 * yet queues itself in the ring's wait list (see {@link BroadcastRing} for why no wake-up is lost).
 * It consumes a value only in the poll that returns it, so closing it early loses nothing.
 *
 * <p>{@link #done} and {@link #queued} are touched only by the task that owns the receiver; the
 * node's links and waker are guarded by the ring's lock.
 *
 * @param <T> the message type
 */
final class BroadcastRecv<T> extends WaitNode implements Future<RecvResult<T>>, AutoCloseable {

    private final BroadcastRing<T> ring;
    private final Broadcast.Receiver<T> rx;
    private boolean done;   // returned or closed
    private boolean queued; // may still be in the wait list (a send unlinks it without telling us)

    BroadcastRecv(BroadcastRing<T> ring, Broadcast.Receiver<T> rx) {
        this.ring = ring;
        this.rx = rx;
    }

    @Override
    public Poll<RecvResult<T>> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("broadcast recv polled after it returned or was closed");
        }
        rx.checkOpen();
        if (!Budget.proceed(cx)) {
            return Poll.pending();
        }
        RecvResult<T> r = rx.read();
        if (r == null) {
            r = ring.readOrQueue(rx, this, cx.waker());
            if (r == null) {
                queued = true;
                Budget.refund(cx);
                return Poll.pending();
            }
            queued = false; // readOrQueue unlinked it
        }
        close();
        return Poll.ready(r);
    }

    /** Cancels: leaves the wait list. Nothing was consumed unless a poll returned it. */
    @Override
    public void close() {
        done = true;
        if (queued) {
            queued = false;
            ring.dequeue(rx, this);
        }
    }

    @Override
    public String toString() {
        return "Broadcast.recv[" + (done ? "done" : queued ? "waiting" : "new") + "]";
    }
}
