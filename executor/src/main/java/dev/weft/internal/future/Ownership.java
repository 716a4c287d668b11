package dev.weft.internal.future;

import dev.weft.JoinHandle;

/**
 * What a combinator does with a sub-future it owns when it lets go of it. Two verbs, used
 * everywhere in {@code dev.weft.internal.future}, {@code dev.weft.cancel} and {@code dev.weft.stream}:
 *
 * <ul>
 *   <li>{@link #release(Object)}: the sub-future finished (returned {@code Ready} or threw). It is
 *       closed if it is {@link AutoCloseable}, exactly as the runtime closes a finished task's
 *       future, so whatever it held is given back as soon as its value is taken.
 *   <li>{@link #cancel(Object)}: the sub-future did not finish and never will be polled again. A
 *       {@link JoinHandle} is {@link JoinHandle#abort() aborted} (the combinator owned the only
 *       interest in that task); then an {@link AutoCloseable} is closed. Anything else is simply
 *       dropped.
 * </ul>
 *
 * <p>Several sub-futures are let go of in index order, and a failing {@code close()} does not stop
 * the others from being closed: the first failure is rethrown at the end with the later ones
 * {@linkplain Throwable#addSuppressed suppressed}.
 */
public final class Ownership {

    private Ownership() {}

    /**
     * Closes a finished sub-future if it is {@link AutoCloseable}.
     *
     * @param future the sub-future, possibly {@code null} (then nothing happens)
     */
    public static void release(Object future) {
        rethrow(release(future, null));
    }

    /**
     * Cancels an unfinished sub-future: aborts a {@link JoinHandle}, closes an {@link AutoCloseable}.
     *
     * @param future the sub-future, possibly {@code null} (then nothing happens)
     */
    public static void cancel(Object future) {
        rethrow(cancel(future, null));
    }

    /**
     * Like {@link #release(Object)}, but collects a failure instead of throwing it.
     *
     * @param future the sub-future, possibly {@code null}
     * @param failed the failure collected so far, or {@code null}
     * @return the failure to carry on with
     */
    public static Throwable release(Object future, Throwable failed) {
        if (future instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Throwable t) {
                return merge(failed, t);
            }
        }
        return failed;
    }

    /**
     * Like {@link #cancel(Object)}, but collects a failure instead of throwing it.
     *
     * @param future the sub-future, possibly {@code null}
     * @param failed the failure collected so far, or {@code null}
     * @return the failure to carry on with
     */
    public static Throwable cancel(Object future, Throwable failed) {
        if (future instanceof JoinHandle<?> h) {
            try {
                h.abort();
            } catch (Throwable t) {
                failed = merge(failed, t);
            }
        }
        return release(future, failed);
    }

    /**
     * Cancels every non-null element of {@code futures} in index order and clears the slots.
     *
     * @param futures the slots
     * @param failed  the failure collected so far, or {@code null}
     * @return the failure to carry on with
     */
    public static Throwable cancelAll(Object[] futures, Throwable failed) {
        for (int i = 0; i < futures.length; i++) {
            Object f = futures[i];
            futures[i] = null;
            failed = cancel(f, failed);
        }
        return failed;
    }

    /**
     * @param first the first failure, or {@code null}
     * @param next  a later failure
     * @return {@code first} with {@code next} suppressed, or {@code next} if there was none
     */
    public static Throwable merge(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    /**
     * Throws {@code failed} if it is not {@code null}: unchecked as is, checked wrapped in a
     * {@link RuntimeException} (only {@code close()} can throw one here).
     *
     * @param failed the failure, or {@code null}
     */
    public static void rethrow(Throwable failed) {
        if (failed == null) {
            return;
        }
        if (failed instanceof RuntimeException r) {
            throw r;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        throw new RuntimeException("close() failed", failed);
    }

    /**
     * Releases a sub-future that just threw, and returns its exception for the caller to rethrow; a
     * failure of the sub-future's {@code close()} is added to it as suppressed.
     *
     * @param future the sub-future that threw
     * @param thrown what it threw
     * @return {@code thrown} as an unchecked exception (an {@link Error} is thrown from here)
     */
    public static RuntimeException releaseAfterFailure(Object future, Throwable thrown) {
        release(future, thrown);
        return unchecked(thrown);
    }

    /**
     * @param t a throwable
     * @return {@code t} itself if it is a {@link RuntimeException}; an {@link Error} is thrown; a checked
     *     exception is wrapped
     */
    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }

    /**
     * The standard message of a combinator polled after it finished.
     *
     * @param what the combinator's name
     * @return the exception to throw
     */
    public static IllegalStateException pollAfterCompletion(String what) {
        return new IllegalStateException(what + " polled after completion: a future must not be polled again"
                + " after it returned Ready, threw, or was closed");
    }
}
