package dev.weft.stress.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.internal.sync.FairSemaphore;
import dev.weft.sync.SemaphoreClosedException;
import java.lang.reflect.Field;

/**
 * Shared pieces of the stress tests of {@code Semaphore}, {@code Mutex}, {@code RwLock} and
 * {@code OnceCell}: a counting waker, hand-polling that names the outcome in a word, and a look at
 * the {@link FairSemaphore} behind each primitive (its private {@code sem} field; the stress jar
 * runs on the class path, so reflection reaches it).
 */
final class SemaphoreFixtures {

    /** The future returned its value. */
    static final String ACQUIRED = "ACQUIRED";
    /** The future returned Pending (its waker is registered). */
    static final String PENDING = "PENDING";
    /** The future failed because the semaphore is closed. */
    static final String CLOSED = "CLOSED";
    /** The step did not happen (e.g. no second poll was needed). */
    static final String NONE = "NONE";

    private SemaphoreFixtures() {}

    /** The result of one hand-poll: the outcome in a word, and the value when there is one. */
    static final class Polled<T> {
        final String outcome;
        final T value;

        private Polled(String outcome, T value) {
            this.outcome = outcome;
            this.value = value;
        }
    }

    /** Polls {@code f} once with a fresh context around {@code w}. */
    static <T> Polled<T> poll(Future<T> f, Waker w) {
        try {
            Poll<T> p = f.poll(new Context(w));
            return p.isReady() ? new Polled<>(ACQUIRED, p.value()) : new Polled<>(PENDING, null);
        } catch (SemaphoreClosedException e) {
            return new Polled<>(CLOSED, null);
        }
    }

    /** Closes (cancels) a waiting future: every waiting future of dev.weft.sync is AutoCloseable. */
    static void cancel(Future<?> f) {
        close(f);
    }

    static void close(Object closeable) {
        try {
            ((AutoCloseable) closeable).close();
        } catch (Exception e) {
            throw new AssertionError("close() failed", e);
        }
    }

    /** @return the fair semaphore behind a Semaphore, Mutex, RwLock (field {@code sem}) */
    static FairSemaphore fair(Object primitive) {
        return field(primitive, "sem");
    }

    /** @return the fair semaphore behind a OnceCell (field {@code initPermit}) */
    static FairSemaphore initPermit(Object cell) {
        return field(cell, "initPermit");
    }

    private static FairSemaphore field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return (FairSemaphore) f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** @return waiters queued on the primitive's semaphore */
    static int queued(Object primitive) {
        return fair(primitive).queuedWaiters();
    }
}
