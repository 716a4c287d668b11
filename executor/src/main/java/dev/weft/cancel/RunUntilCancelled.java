package dev.weft.cancel;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.concurrent.CancellationException;

/**
 * {@link CancellationToken#runUntilCancelled(Future)}: a select biased towards the token. Each poll
 * checks the token first and only then polls the work.
 *
 * @param <T> the work's value type
 */
final class RunUntilCancelled<T> implements Future<T>, AutoCloseable {

    private final WaitForCancellation cancelled;
    private Future<T> work; // null once finished or closed

    RunUntilCancelled(CancellationToken token, Future<T> work) {
        this.cancelled = new WaitForCancellation(token);
        this.work = work;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Future<T> w = work;
        if (w == null) {
            throw Ownership.pollAfterCompletion("CancellationToken.runUntilCancelled");
        }
        if (cancelled.poll(cx).isReady()) {
            work = null;
            Ownership.cancel(w);
            throw new CancellationException("the cancellation token was cancelled");
        }
        Poll<T> p;
        try {
            p = w.poll(cx);
        } catch (Throwable t) {
            work = null;
            cancelled.close();
            throw Ownership.releaseAfterFailure(w, t);
        }
        if (p.isReady()) {
            work = null;
            cancelled.close();
            Ownership.release(w);
        }
        return p;
    }

    /** Cancels the work if it is still running, then drops the waiter registration. */
    @Override
    public void close() {
        Future<T> w = work;
        work = null;
        try {
            Ownership.cancel(w);
        } finally {
            cancelled.close();
        }
    }
}
