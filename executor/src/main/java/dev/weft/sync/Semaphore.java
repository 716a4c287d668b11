package dev.weft.sync;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;
import dev.weft.internal.sync.PermitFuture;
import java.util.Optional;

/**
 * A fair counting semaphore for tasks: {@link #acquire(long)} waits (suspending the task, not the
 * thread) until the permits are free and every earlier waiter has been served. Permits come back
 * when the {@link Permit} is closed, so try-with-resources bounds the work that holds them.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * Future<Response> call = connections.acquire().then(permit ->
 *         client.get(url).inspect(r -> permit.close()));     // at most 10 requests in flight
 * }</pre>
 *
 * <p>Fairness: waiters are served in arrival order, and a large request is not overtaken by later
 * small ones (it collects permits as they are released). {@link #tryAcquire} never barges past a
 * queued waiter.
 *
 * <p>Memory effects: actions before a permit is released (its {@code close()}, or
 * {@link #addPermits}) happen-before the acquire that receives that permit completes.
 *
 * <p>{@link #close()} fails every waiting and later acquire with
 * {@link SemaphoreClosedException}; permits already held stay valid and may still be released.
 */
public final class Semaphore {

    /** The most permits a semaphore can hold. */
    public static final long MAX_PERMITS = FairSemaphore.MAX_PERMITS;

    private final FairSemaphore sem;

    /**
     * @param permits the initial number of permits, {@code 0..MAX_PERMITS}
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public Semaphore(long permits) {
        this.sem = new FairSemaphore(permits);
    }

    /**
     * Waits for one permit. Equivalent to {@code acquire(1)}.
     *
     * <p>Cancel safety: closing the returned future before it completed leaves the queue; a permit
     * granted to it meanwhile is passed on to the next waiter. Nothing is lost.
     *
     * @return a future of the permit; fails with {@link SemaphoreClosedException} if the semaphore
     *     is closed
     */
    public Future<Permit> acquire() {
        return acquire(1);
    }

    /**
     * Waits for {@code n} permits, taken all at once.
     *
     * <p>Cancel safety: closing the returned future before it completed leaves the queue; permits
     * granted to it meanwhile (all or part of {@code n}) are passed on to the next waiters.
     *
     * @param n the number of permits, {@code 0..MAX_PERMITS}
     * @return a future of the permit; fails with {@link SemaphoreClosedException} if the semaphore
     *     is closed
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public Future<Permit> acquire(long n) {
        checkCount(n);
        return new PermitFuture<>(sem, n) {
            @Override
            protected Poll<Permit> acquired() {
                return Poll.ready(new Permit(sem, n));
            }

            @Override
            protected Poll<Permit> closed() {
                throw new SemaphoreClosedException(n);
            }
        };
    }

    /**
     * Runs {@code body} holding {@code n} permits, returned however the body ends (completed,
     * failed or cancelled), so an aborted task cannot keep them.
     *
     * <pre>{@code
     * Future<Response> call = connections.withPermits(1, permit -> client.get(url));
     * }</pre>
     *
     * <p>Cancel safety: as {@link #acquire(long)} while waiting; closed while the body runs, it
     * closes the body, then returns the permits.
     *
     * @param n    the number of permits, {@code 0..MAX_PERMITS}
     * @param body given the permit, returns the work to do while holding it (not {@code null})
     * @param <R>  the result type
     * @return a future of the body's result; fails with {@link SemaphoreClosedException} if the
     *     semaphore is closed before the permits are acquired
     */
    public <R> Future<R> withPermits(long n, java.util.function.Function<? super Permit, ? extends Future<? extends R>> body) {
        return new Scoped<>(acquire(n), body);
    }

    /**
     * Takes one permit if one is free and nobody is waiting.
     *
     * @return the permit, or empty
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    public Optional<Permit> tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code n} permits if they are free and nobody is waiting.
     *
     * @param n the number of permits, {@code 0..MAX_PERMITS}
     * @return the permit, or empty
     * @throws SemaphoreClosedException if the semaphore is closed
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public Optional<Permit> tryAcquire(long n) {
        checkCount(n);
        return switch (sem.tryAcquire(n)) {
            case ACQUIRED -> Optional.of(new Permit(sem, n));
            case CLOSED -> throw new SemaphoreClosedException(n);
            default -> Optional.empty();
        };
    }

    /**
     * Adds permits, serving waiters first.
     *
     * @param n how many, at least 0
     * @throws IllegalArgumentException if the total would exceed {@link #MAX_PERMITS}
     */
    public void addPermits(long n) {
        sem.release(n);
    }

    /** @return the permits free right now */
    public long availablePermits() {
        return sem.availablePermits();
    }

    /**
     * Closes the semaphore: every waiting and later acquire fails with
     * {@link SemaphoreClosedException}. Idempotent.
     */
    public void close() {
        sem.close();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return sem.isClosed();
    }

    @Override
    public String toString() {
        return "Semaphore[permits=" + sem.availablePermits() + (sem.isClosed() ? ", closed]" : "]");
    }

    private static void checkCount(long n) {
        if (n < 0 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(
                    "cannot acquire " + n + " permits (allowed: 0.." + MAX_PERMITS + ")");
        }
    }

    /**
     * Permits held from a {@link Semaphore}; {@link #close()} gives them back (once). Not tied to a
     * task or thread: a permit may be handed to another task, which releases it.
     */
    public static final class Permit implements AutoCloseable {
        private final FairSemaphore sem;
        private long permits; // the holder's; zero once released or forgotten

        Permit(FairSemaphore sem, long permits) {
            this.sem = sem;
            this.permits = permits;
        }

        /** @return how many permits this object still holds */
        public long permits() {
            return permits;
        }

        /**
         * Gives up the permits without returning them: the semaphore has that many fewer for good.
         */
        public void forget() {
            permits = 0;
        }

        /** Returns the permits to the semaphore. Later calls do nothing. */
        @Override
        public void close() {
            long n = permits;
            permits = 0;
            sem.release(n);
        }

        @Override
        public String toString() {
            return "Permit[" + permits + "]";
        }
    }
}
