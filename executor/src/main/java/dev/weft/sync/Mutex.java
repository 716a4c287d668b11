package dev.weft.sync;

import dev.weft.Future;
import dev.weft.internal.sync.FairSemaphore;
import java.util.Optional;

/**
 * A fair mutual-exclusion lock for tasks, guarding a value of type {@code T}. {@link #lock()}
 * suspends the task (never the thread) until the lock is free and every earlier waiter has had
 * it; the {@link MutexGuard} gives access to the value and unlocks on {@code close()}.
 *
 * <pre>{@code
 * Mutex<List<String>> log = new Mutex<>(new ArrayList<>());
 * Future<Void> append = log.lock().map(guard -> {
 *     try (guard) {
 *         guard.get().add("entry");
 *     }
 *     return null;
 * });
 * }</pre>
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

    private final FairSemaphore sem = new FairSemaphore(1);
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
        return new PermitFuture<>(sem, 1) {
            @Override
            MutexGuard<T> acquired() {
                return new MutexGuard<>(Mutex.this, sem);
            }

            @Override
            RuntimeException closed() {
                throw new AssertionError("a mutex's semaphore is never closed");
            }
        };
    }

    /**
     * Takes the lock if it is free and nobody is waiting for it.
     *
     * @return the guard, or empty
     */
    public Optional<MutexGuard<T>> tryLock() {
        return sem.tryAcquire(1) == FairSemaphore.Outcome.ACQUIRED
                ? Optional.of(new MutexGuard<>(this, sem))
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
