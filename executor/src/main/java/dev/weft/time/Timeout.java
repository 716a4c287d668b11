package dev.weft.time;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.time.Duration;

/**
 * A future bounded in time: completes like its inner future, or fails with {@link Elapsed} once the
 * deadline passes, after closing (cancelling) the inner future. The inner future is polled first,
 * so one that is ready at once never touches the timer wheel. Created by
 * {@link Time#timeout(Duration, Future)}.
 *
 * <p>When it completes in any way (value, failure, {@link Elapsed}), and when it is closed, it closes
 * the inner future (if {@link AutoCloseable}) and then the timer, each exactly once.
 *
 * @param <T> the inner future's result type
 */
public final class Timeout<T> implements Future<T>, AutoCloseable {

    private Future<T> inner; // null once completed or closed
    private final Sleep sleep;
    private final Duration duration;
    private boolean done;

    Timeout(Duration duration, Future<T> inner, Sleep sleep) {
        this.duration = duration;
        this.inner = inner;
        this.sleep = sleep;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("Timeout polled after it completed");
        }
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (RuntimeException | Error e) {
            finish();
            throw e;
        }
        if (p.isReady()) {
            finish(); // completed: the runtime lets go of it now, so it is closed now
            return p;
        }
        if (sleep.poll(cx).isReady()) {
            finish();
            throw new Elapsed(duration);
        }
        return p;
    }

    /** Done, whichever way: the inner future is closed first, then the timer. */
    private void finish() {
        done = true;
        Future<T> f = inner;
        inner = null;
        try {
            closeQuietly(f);
        } finally {
            sleep.close();
        }
    }

    /** Cancels: closes the inner future and the timer. Idempotent. */
    @Override
    public void close() {
        Future<T> f = inner;
        inner = null;
        done = true;
        try {
            closeQuietly(f);
        } finally {
            sleep.close();
        }
    }

    private static void closeQuietly(Object f) {
        if (f instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("close() of the future under a timeout threw", e);
            }
        }
    }

    /** @return the time limit */
    public Duration duration() {
        return duration;
    }
}
