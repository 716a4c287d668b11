package dev.weft.cancel;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;

/**
 * The future returned by {@link CancellationToken#cancelled()}; it is also its own node in the
 * token's waiter list, so waiting allocates nothing beyond the future.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>{@link #registered} and {@link #done} belong to the owner (the task polling the future) and
 * are plain fields. {@link #prev}, {@link #next} and {@link #waker} are guarded by the token's
 * lock while the token is not cancelled; once {@code cancel()} has taken the list they are frozen
 * (nobody links, unlinks or changes a waker on a cancelled token) and the canceller reads them
 * without the lock, after having held it, so it sees their last values.
 *
 * <p>The owner may read {@code waker} without the lock: only the owner writes it.
 */
final class WaitForCancellation implements Future<Void>, AutoCloseable {

    private final CancellationToken token;
    private boolean registered; // owner only: linked into the token's list (or taken by cancel())
    private boolean done; // owner only: returned Ready or closed

    // Guarded by the token's lock until the token is cancelled; frozen afterwards.
    WaitForCancellation prev;
    WaitForCancellation next;
    Waker waker;

    WaitForCancellation(CancellationToken token) {
        this.token = token;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("CancellationToken.cancelled() polled after it completed or was closed");
        }
        if (token.isCancelledAcquire()) {
            done = true; // if registered, cancel() took us off the list already
            return Poll.ready(null);
        }
        Waker w = cx.waker();
        boolean stillWaiting;
        if (!registered) {
            stillWaiting = registered = token.register(this, w);
        } else if (waker.willWake(w)) {
            // Same task as before: it is in the list, and a cancel() racing with this poll will wake it.
            return Poll.pending();
        } else {
            stillWaiting = token.updateWaker(this, w);
        }
        if (!stillWaiting) {
            done = true;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    /** Unregisters the waiter if it is registered; the future cannot be polled afterwards. */
    @Override
    public void close() {
        if (registered && !done) {
            token.unregister(this);
        }
        registered = false;
        done = true;
    }
}
