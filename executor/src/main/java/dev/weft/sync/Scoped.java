package dev.weft.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Function;

/**
 * Awaits a guard, runs a body with it, and closes the guard however the body ends: completed,
 * failed, or cancelled (this future closed, as when its task is aborted). The Java form of holding
 * a Rust guard across {@code .await}: there the guard is dropped with the future; here this future
 * closes it.
 *
 * @param <G> the guard (a permit or a lock guard)
 * @param <R> the body's result
 */
final class Scoped<G extends AutoCloseable, R> implements Future<R>, AutoCloseable {

    private final Future<G> acquire;
    private final Function<? super G, ? extends Future<? extends R>> body;
    private G guard;                     // held from the acquire's completion until this ends
    private Future<? extends R> running; // the body's future while it runs
    private boolean done;

    Scoped(Future<G> acquire, Function<? super G, ? extends Future<? extends R>> body) {
        this.acquire = acquire;
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after it completed or was closed");
        }
        if (running == null) {
            Poll<G> p = acquire.poll(cx);
            if (!p.isReady()) {
                return Poll.pending();
            }
            guard = p.value();
            try {
                running = Objects.requireNonNull(body.apply(guard), "the body returned null instead of a future");
            } catch (Throwable t) {
                finish(t);
                throw t;
            }
        }
        Poll<? extends R> p;
        try {
            p = running.poll(cx);
        } catch (Throwable t) {
            finish(t);
            throw t;
        }
        if (p instanceof Poll.Ready<? extends R> r) {
            finish(null);
            return Poll.ready(r.value());
        }
        return Poll.pending();
    }

    /** Closes the body, then the guard (in that order: the body may still use the guard). */
    private void finish(Throwable failure) {
        done = true;
        Throwable t = closeQuietly(running, failure);
        running = null;
        t = closeQuietly(guard, t);
        guard = null;
        if (t != failure && t != null) {
            throw t instanceof RuntimeException re ? re : new IllegalStateException("closing failed", t);
        }
    }

    private static Throwable closeQuietly(Object o, Throwable first) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Throwable t) {
                if (first == null) {
                    return t;
                }
                first.addSuppressed(t);
            }
        }
        return first;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        if (running == null) {
            done = true;
            Throwable t = closeQuietly(acquire, null); // still waiting: leave the queue
            if (t != null) {
                throw t instanceof RuntimeException re ? re : new IllegalStateException("closing failed", t);
            }
        } else {
            finish(null);
        }
    }
}
