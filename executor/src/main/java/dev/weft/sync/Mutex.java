package dev.weft.sync;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;
import dev.weft.internal.sync.PermitFuture;
import java.util.Optional;

/**
 * A fair mutual-exclusion lock for tasks, guarding a value of type {@code T}. {@link #lock()}
 * suspends the task (never the thread) until the lock is free and every earlier waiter has had
 * it; the {@link MutexGuard} gives access to the value and unlocks on {@code close()}.
 *
 * <pre>{@code
 * Mutex<List<String>> log = new Mutex<>(new ArrayList<>());
 * Future<Void> append = log.withLock(guard -> fetch(url).map(page -> {
 *     guard.get().add(page);   // the lock is held across the fetch
 *     return null;
 * }));                         // unlocked when the body ends, fails, or is cancelled
 * }</pre>
 *
 * <p>{@link #withLock} is the safe way to hold the lock across an await: if the task is aborted
 * meanwhile, closing the future unlocks. A guard taken with {@link #lock()} must be closed by hand
 * (try-with-resources when no await happens in between); a guard captured by a lambda of an aborted
 * task is never closed, and the lock stays held.
 *
 * <p>Unlike {@code ReentrantLock}, a guard is not tied to a thread or a task: it may be held across
 * awaits, on whatever worker the task resumes, and handed to another task, which unlocks it. The
 * lock is not reentrant: a task that locks twice without unlocking waits for itself.
 *
 * <p>Cost: an uncontended {@code lock()} is one CAS and the unlock another, like
 * {@code ReentrantLock}'s fast path. Under contention waiters queue in FIFO order and the unlock
 * hands the lock to the first of them directly.
 *
 * <p>Memory effects: actions before a guard is closed happen-before the next {@code lock()}
 * completes.
 *
 * @param <T> the type of the guarded value
 */
public final class Mutex<T> {

    final FairSemaphore sem = new FairSemaphore(1); // the guard releases it
    // Read and written only by the holder of the lock; the semaphore's CAS (fast path) or hand-off
    // (release store of the waiter's phase) orders one holder's writes before the next one's reads.
    T value;

    /** @param value the initial value (may be {@code null}) */
    public Mutex(T value) {
        this.value = value;
    }

    /**
     * Waits for the lock.
     *
     * <p>Cancel safety: closing the returned future before it completed leaves the queue; if the
     * lock had just been handed to it, it is handed on to the next waiter (or released).
     *
     * @return a future of the guard; close the guard to unlock
     */
    public Future<MutexGuard<T>> lock() {
        return new PermitFuture<>(sem, 1, 1) { // usually unlocked: one blind CAS
            @Override
            protected Poll<MutexGuard<T>> acquired() {
                return Poll.ready(new MutexGuard<>(Mutex.this));
            }

            @Override
            protected Poll<MutexGuard<T>> closed() {
                throw new AssertionError("a mutex's semaphore is never closed");
            }
        };
    }

    /**
     * Runs {@code body} holding the lock: waits for the lock, awaits the future {@code body}
     * returns, and unlocks however it ends — completed, failed, or cancelled (the returned future
     * closed, as when its task is aborted). Prefer it to {@link #lock()} whenever the lock is held
     * across an await: an aborted task cannot leave the lock held.
     *
     * <pre>{@code
     * Future<Void> append = log.withLock(guard -> fetch(url).map(page -> {
     *     guard.get().add(page);      // still locked across the fetch
     *     return null;
     * }));
     * }</pre>
     *
     * <p>Cancel safety: closed while waiting, it leaves the queue (as {@link #lock()}); closed while
     * the body runs, it closes the body, then unlocks.
     *
     * @param body given the guard, returns the work to do under the lock (not {@code null})
     * @param <R>  the result type
     * @return a future of the body's result
     */
    public <R> Future<R> withLock(java.util.function.Function<? super MutexGuard<T>, ? extends Future<? extends R>> body) {
        return new Scoped<>(lock(), body);
    }

    /**
     * Takes the lock if it is free and nobody is waiting for it.
     *
     * @return the guard, or empty
     */
    public Optional<MutexGuard<T>> tryLock() {
        return sem.tryAcquire(1, 1) == FairSemaphore.Outcome.ACQUIRED
                ? Optional.of(new MutexGuard<>(this))
                : Optional.empty();
    }

    /** @return whether someone holds the lock right now (a snapshot) */
    public boolean isLocked() {
        return sem.availablePermits() == 0;
    }

    @Override
    public String toString() {
        return isLocked() ? "Mutex[locked]" : "Mutex[unlocked]";
    }
}
