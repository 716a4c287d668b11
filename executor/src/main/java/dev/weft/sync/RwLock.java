package dev.weft.sync;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;
import dev.weft.internal.sync.PermitFuture;
import java.util.Optional;

/**
 * A fair reader-writer lock for tasks, guarding a value of type {@code T}: many readers at once, or
 * one writer. Waiters are served in arrival order, so a queued writer holds back readers that come
 * after it and writers never starve.
 *
 * <pre>{@code
 * RwLock<Config> config = new RwLock<>(Config.defaults());
 * Future<Integer> port = config.read().map(g -> {
 *     try (g) { return g.get().port(); }
 * });
 * Future<Void> update = config.write().map(g -> {
 *     try (g) { g.set(g.get().withPort(8081)); }
 *     return null;
 * });
 * }</pre>
 *
 * <p>Built on a fair semaphore of {@code maxReaders} permits: a reader takes one, a writer all of
 * them, collecting them as readers leave (so no reader queued after the writer gets in first).
 *
 * <p>Memory effects: actions before a write guard is closed happen-before any later read or write
 * guard is obtained.
 *
 * @param <T> the type of the guarded value
 */
public final class RwLock<T> {

    /** Readers allowed at once by default. */
    public static final int DEFAULT_MAX_READERS = (1 << 30) - 1;

    private final FairSemaphore sem;
    private final int maxReaders;
    // Written only by the write-guard holder, read by read-guard holders; ordered by the semaphore.
    T value;

    /** @param value the initial value (may be {@code null}) */
    public RwLock(T value) {
        this(value, DEFAULT_MAX_READERS);
    }

    /**
     * @param value      the initial value (may be {@code null})
     * @param maxReaders how many readers may hold the lock at once, at least 1
     * @throws IllegalArgumentException if {@code maxReaders < 1}
     */
    public RwLock(T value, int maxReaders) {
        if (maxReaders < 1) {
            throw new IllegalArgumentException("maxReaders must be at least 1, was " + maxReaders);
        }
        this.value = value;
        this.maxReaders = maxReaders;
        this.sem = new FairSemaphore(maxReaders);
    }

    /**
     * Waits for shared access.
     *
     * <p>Cancel safety: closing the returned future before it completed leaves the queue; a grant
     * it had just received is passed on.
     *
     * @return a future of the read guard
     */
    public Future<ReadGuard<T>> read() {
        return new PermitFuture<>(sem, 1) {
            @Override
            protected Poll<ReadGuard<T>> acquired() {
                return Poll.ready(new ReadGuard<>(RwLock.this));
            }

            @Override
            protected Poll<ReadGuard<T>> closed() {
                throw new AssertionError("an RwLock's semaphore is never closed");
            }
        };
    }

    /**
     * Waits for exclusive access.
     *
     * <p>Cancel safety: closing the returned future before it completed leaves the queue and
     * passes on every reader slot it had collected, so readers queued behind it proceed.
     *
     * @return a future of the write guard
     */
    public Future<WriteGuard<T>> write() {
        return new PermitFuture<>(sem, maxReaders, maxReaders) { // usually: nobody holds it
            @Override
            protected Poll<WriteGuard<T>> acquired() {
                return Poll.ready(new WriteGuard<>(RwLock.this));
            }

            @Override
            protected Poll<WriteGuard<T>> closed() {
                throw new AssertionError("an RwLock's semaphore is never closed");
            }
        };
    }

    /**
     * Runs {@code body} with shared access, released however the body ends (completed, failed or
     * cancelled). See {@link Mutex#withLock} for why this beats holding a guard by hand.
     *
     * <pre>{@code
     * Future<Integer> port = config.withRead(g -> Futures.ready(g.get().port()));
     * }</pre>
     *
     * <p>Cancel safety: as {@link #read()} while waiting; closed while the body runs, it closes the
     * body, then releases.
     *
     * @param body given the guard, returns the work to do while reading (not {@code null})
     * @param <R>  the result type
     * @return a future of the body's result
     */
    public <R> Future<R> withRead(java.util.function.Function<? super ReadGuard<T>, ? extends Future<? extends R>> body) {
        return new Scoped<>(read(), body);
    }

    /**
     * Runs {@code body} with exclusive access, released however the body ends (completed, failed
     * or cancelled).
     *
     * <pre>{@code
     * Future<Void> bump = config.withWrite(g -> { g.set(g.get().withPort(8081)); return Futures.ready(null); });
     * }</pre>
     *
     * <p>Cancel safety: as {@link #write()} while waiting; closed while the body runs, it closes
     * the body, then releases.
     *
     * @param body given the guard, returns the work to do while writing (not {@code null})
     * @param <R>  the result type
     * @return a future of the body's result
     */
    public <R> Future<R> withWrite(java.util.function.Function<? super WriteGuard<T>, ? extends Future<? extends R>> body) {
        return new Scoped<>(write(), body);
    }

    /** @return a read guard if no writer holds or waits for the lock, else empty */
    public Optional<ReadGuard<T>> tryRead() {
        return sem.tryAcquire(1) == FairSemaphore.Outcome.ACQUIRED
                ? Optional.of(new ReadGuard<>(this))
                : Optional.empty();
    }

    /** @return a write guard if nobody holds or waits for the lock, else empty */
    public Optional<WriteGuard<T>> tryWrite() {
        return sem.tryAcquire(maxReaders, maxReaders) == FairSemaphore.Outcome.ACQUIRED
                ? Optional.of(new WriteGuard<>(this))
                : Optional.empty();
    }

    /** @return the most readers that may hold the lock at once */
    public int maxReaders() {
        return maxReaders;
    }

    @Override
    public String toString() {
        long free = sem.availablePermits();
        return free == maxReaders ? "RwLock[unlocked]"
                : free == 0 ? "RwLock[locked]" : "RwLock[" + (maxReaders - free) + " readers]";
    }

    /**
     * Shared access to the value; {@link #close()} releases it.
     *
     * @param <T> the type of the guarded value
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private boolean released;

        ReadGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /**
         * @return the guarded value
         * @throws IllegalStateException if the guard was closed
         */
        public T get() {
            if (released) {
                throw new IllegalStateException("the read guard was closed");
            }
            return lock.value;
        }

        /** Releases shared access. Later calls do nothing. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                lock.sem.release(1);
            }
        }
    }

    /**
     * Exclusive access to the value; {@link #close()} releases it.
     *
     * @param <T> the type of the guarded value
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private boolean released;

        WriteGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /**
         * @return the guarded value
         * @throws IllegalStateException if the guard was closed
         */
        public T get() {
            checkHeld();
            return lock.value;
        }

        /**
         * @param value the new value (may be {@code null})
         * @throws IllegalStateException if the guard was closed
         */
        public void set(T value) {
            checkHeld();
            lock.value = value;
        }

        /**
         * Turns exclusive access into shared access without letting a writer in between: the
         * other reader slots go back to the lock (to the readers queued first), this one is kept.
         *
         * @return a read guard; this write guard is closed
         * @throws IllegalStateException if the guard was closed
         */
        public ReadGuard<T> downgrade() {
            checkHeld();
            released = true;
            lock.sem.release(lock.maxReaders - 1L, 0); // the writer holds every slot
            return new ReadGuard<>(lock);
        }

        /** Releases exclusive access. Later calls do nothing. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                lock.sem.release(lock.maxReaders, 0); // the writer holds every slot
            }
        }

        private void checkHeld() {
            if (released) {
                throw new IllegalStateException("the write guard was closed");
            }
        }
    }
}
