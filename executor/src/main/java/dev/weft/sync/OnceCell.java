package dev.weft.sync;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value set once, possibly by an asynchronous initialiser: the async counterpart of a lazily
 * initialised field. Of all the tasks calling {@link #getOrInit} at once, one runs its initialiser
 * and the others wait for its value; if that initialiser fails or is cancelled, the next waiter
 * runs its own.
 *
 * <pre>{@code
 * OnceCell<Config> config = new OnceCell<>();
 * Future<Config> cfg = config.getOrInit(() -> loadConfig(path));   // loads at most once
 * }</pre>
 *
 * <h2>Implementation overview</h2>
 *
 * <p>{@link #value} is written once (volatile: the write happens-before every read that sees it).
 * A one-permit {@link FairSemaphore} decides who initialises: the task holding the permit runs its
 * initialiser; on success it stores the value and <em>closes</em> the semaphore, which wakes every
 * waiter at once (a closed acquire means "the value is there"); on failure or cancellation it
 * returns the permit, which the semaphore hands to the next waiter in FIFO order.
 *
 * <p>Memory effects: actions of the initialiser happen-before every {@code getOrInit} or
 * {@link #get()} that returns its value.
 *
 * @param <T> the type of the value
 */
public final class OnceCell<T> {

    private volatile T value; // null until set; written once, by the holder of the permit
    private final FairSemaphore initPermit = new FairSemaphore(1);

    /** Creates an empty cell. */
    public OnceCell() {}

    /** @return the value, or empty if the cell is not initialised (yet) */
    public Optional<T> get() {
        return Optional.ofNullable(value);
    }

    /** @return whether the value is set */
    public boolean isInitialized() {
        return value != null;
    }

    /**
     * Sets the value if the cell is empty and no initialiser is running.
     *
     * @param v the value, not {@code null}
     * @return {@code true} if this call set it; {@code false} if the cell already holds a value or
     *     an initialiser is running
     */
    public boolean set(T v) {
        Objects.requireNonNull(v, "value");
        if (initPermit.tryAcquire(1) != FairSemaphore.Outcome.ACQUIRED) {
            return false;
        }
        if (value != null) {
            initPermit.release(1);
            return false;
        }
        publish(v);
        return true;
    }

    /**
     * Returns the value, initialising it with {@code init} if nobody has: at most one initialiser
     * runs at a time, and once one succeeds every caller gets its value.
     *
     * <p>On failure: if this caller's initialiser throws (or its future fails), the returned future
     * fails with that error and the next waiting caller runs its own initialiser.
     *
     * <p>Cancel safety: closing the returned future while it waits leaves the queue; closing it
     * while its initialiser runs closes the initialiser and lets the next waiter initialise. The
     * cell is never left locked.
     *
     * @param init supplies the initialising future; called at most once, only if this caller
     *     initialises; the future must not complete with {@code null}
     * @return a future of the value
     */
    public Future<T> getOrInit(Supplier<? extends Future<? extends T>> init) {
        Objects.requireNonNull(init, "init");
        return new GetOrInit(init);
    }

    private void publish(T v) {
        value = v;
        initPermit.close(); // wakes every waiter; each finds the value
    }

    @Override
    public String toString() {
        T v = value;
        return v == null ? "OnceCell[empty]" : "OnceCell[" + v + "]";
    }

    /** Waits for the init permit, or for the value, then runs (or skips) the initialiser. */
    private final class GetOrInit implements Future<T>, AutoCloseable {
        private final Supplier<? extends Future<? extends T>> init;
        private FairSemaphore.Acquire waiter; // while waiting for the permit
        private Future<? extends T> running;  // while this caller initialises (holds the permit)
        private boolean done;

        GetOrInit(Supplier<? extends Future<? extends T>> init) {
            this.init = init;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("polled after it completed or was closed");
            }
            if (running == null) {
                T v = value;
                if (v != null) {
                    return ready(v);
                }
                if (!Budget.proceed(cx)) {
                    return Poll.pending();
                }
                if (waiter == null) {
                    waiter = initPermit.newAcquire(1);
                }
                switch (waiter.poll(cx)) {
                    case PENDING -> {
                        Budget.refund(cx);
                        return Poll.pending();
                    }
                    case CLOSED -> {
                        return ready(value); // closed only after the value was published
                    }
                    case ACQUIRED -> {
                        waiter = null;
                        if ((v = value) != null) { // set by someone between our read and the grant
                            initPermit.release(1);
                            return ready(v);
                        }
                        running = Objects.requireNonNull(init.get(), "the initialiser returned null");
                    }
                    default -> throw new AssertionError();
                }
            }
            Poll<? extends T> p;
            try {
                p = running.poll(cx);
            } catch (Throwable t) {
                abandon();
                throw t;
            }
            if (p instanceof Poll.Ready<? extends T> r) {
                T v = r.value();
                if (v == null) {
                    abandon();
                    throw new NullPointerException("the initialiser completed with null");
                }
                Future<? extends T> finished = running;
                running = null;
                publish(v);
                closeQuietly(finished);
                return ready(v);
            }
            return Poll.pending();
        }

        private Poll<T> ready(T v) {
            done = true;
            return Poll.ready(v);
        }

        /** Gives the permit to the next caller after a failed or cancelled initialiser. */
        private void abandon() {
            done = true;
            Future<? extends T> failed = running;
            running = null;
            initPermit.release(1);
            closeQuietly(failed);
        }

        /** The initialiser's outcome is decided; a failure to close it must not undo that. */
        private void closeQuietly(Future<? extends T> f) {
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.getLogger(OnceCell.class.getName()).log(System.Logger.Level.WARNING,
                            "closing a OnceCell initialiser failed", e);
                }
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            if (waiter != null) {
                waiter.cancel();
            } else if (running != null) {
                abandon();
            }
        }
    }
}
