package dev.weft.stream;

import dev.weft.Context;

/**
 * The fused, allocation-free form of {@link AsyncStream#pollNext}: the internal capability a
 * synchronous pipeline uses to run as one tight pull loop.
 *
 * <p>{@link #pull} is {@code pollNext} with the {@link StreamPoll} wrapper taken off: it returns the
 * item itself, or one of the two sentinels {@link #PENDING} (same contract as
 * {@link StreamPoll.Pending}: the waker is registered, or the task's budget is spent and the task
 * was re-woken) and {@link #END} (same as {@link StreamPoll.End}). Items are never {@code null} and
 * can never be a sentinel (the sentinels are private objects). A stream implementing this interface
 * behaves identically whichever of the two methods is called, call by call (same state changes,
 * same {@link dev.weft.Budget} spending, same closing of the upstream), so a consumer may use either.
 *
 * <p>{@link #fused()} says whether {@code pull} is available for the whole chain: a source that
 * implements it, or an adapter that implements it over an upstream whose {@code fused()} is true.
 * Consumers ({@link FoldFuture}) use {@code pull} only then and fall back to {@code pollNext}
 * otherwise; adapters over an unfused upstream are never pulled.
 *
 * @param <T> the item type
 */
interface Cursor<T> {

    /** Returned by {@link #pull} for "no item yet". */
    Object PENDING = new Object() {
        @Override
        public String toString() {
            return "Cursor.PENDING";
        }
    };

    /** Returned by {@link #pull} for "the stream ended". */
    Object END = new Object() {
        @Override
        public String toString() {
            return "Cursor.END";
        }
    };

    /**
     * @param cx the context of this poll
     * @return the next item, or {@link #PENDING}, or {@link #END}
     */
    Object pull(Context cx);

    /** @return whether {@link #pull} may be called (the whole upstream chain supports it) */
    boolean fused();

    /**
     * @param s a stream
     * @return {@code s} as a cursor if its whole chain is fused, else {@code null}
     */
    @SuppressWarnings("unchecked")
    static <T> Cursor<T> of(AsyncStream<T> s) {
        return s instanceof Cursor<?> c && c.fused() ? (Cursor<T>) c : null;
    }
}
