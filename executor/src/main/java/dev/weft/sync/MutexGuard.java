package dev.weft.sync;

/**
 * Access to the value of a locked {@link Mutex}; {@link #close()} unlocks. Use it in
 * try-with-resources. After {@code close()} the guard refuses access.
 *
 * <pre>{@code
 * try (MutexGuard<Counter> g = runtime.blockOn(mutex.lock())) {
 *     g.set(g.get().increment());
 * }
 * }</pre>
 *
 * @param <T> the type of the guarded value
 */
public final class MutexGuard<T> implements AutoCloseable {

    private final Mutex<T> mutex;
    private boolean released; // the holder's own flag; only the holder touches the guard

    MutexGuard(Mutex<T> mutex) {
        this.mutex = mutex;
    }

    /**
     * @return the guarded value
     * @throws IllegalStateException if the guard was closed
     */
    public T get() {
        checkHeld();
        return mutex.value;
    }

    /**
     * Replaces the guarded value.
     *
     * @param value the new value (may be {@code null})
     * @throws IllegalStateException if the guard was closed
     */
    public void set(T value) {
        checkHeld();
        mutex.value = value;
    }

    /** Unlocks, handing the lock to the first waiter if there is one. Later calls do nothing. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            mutex.sem.release(1, 0); // the holder has the only permit: one blind CAS
        }
    }

    private void checkHeld() {
        if (released) {
            throw new IllegalStateException("the mutex guard was closed: the lock is no longer held");
        }
    }

    @Override
    public String toString() {
        return released ? "MutexGuard[released]" : "MutexGuard[held]";
    }
}
