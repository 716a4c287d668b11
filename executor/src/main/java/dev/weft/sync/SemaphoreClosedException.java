package dev.weft.sync;

/**
 * Thrown by an acquire on a {@link Semaphore} that was {@linkplain Semaphore#close() closed},
 * including by acquires that were waiting when it closed.
 */
public final class SemaphoreClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SemaphoreClosedException(long permits) {
        super("semaphore closed: cannot acquire " + permits + (permits == 1 ? " permit" : " permits"));
    }
}
