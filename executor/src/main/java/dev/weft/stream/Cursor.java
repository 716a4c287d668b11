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
 * Consumers ({@link TerminalFuture}) use it only then and fall back to {@code pollNext}
 * otherwise; adapters over an unfused upstream are never pulled.
 *
 * <p>{@link #drain} is the push form of the same loop: the stream hands items to a {@link Sink}
 * until it ends, runs out of budget, or the sink asks it to stop. It means exactly "call
 * {@code pull} until it returns a sentinel, handing each item to the sink" (the default does just
 * that), but a source that overrides it runs the whole pipeline as one loop in which every stage is
 * a direct call. With nothing to compare against a sentinel between the stages, C2 can inline the
 * chain and remove the boxes an item passes through, which {@code pull}'s {@code Object} return
 * prevents: a map/filter/{@code foldLong} pipeline allocates nothing per item (see
 * docs/benchmarks/combinators.md).
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

    /** Returned by {@link #drain} when the sink asked to stop; the stream can still be polled. */
    Object STOPPED = new Object() {
        @Override
        public String toString() {
            return "Cursor.STOPPED";
        }
    };

    /**
     * Where {@link #drain} pushes items.
     *
     * @param <T> the item type
     */
    @FunctionalInterface
    interface Sink<T> {
        /**
         * @param item the next item, never {@code null}
         * @return {@code true} to receive more, {@code false} to stop the drain after this item
         */
        boolean accept(T item);
    }

    /**
     * @param cx the context of this poll
     * @return the next item, or {@link #PENDING}, or {@link #END}
     */
    Object pull(Context cx);

    /**
     * Pushes items to {@code sink} until the stream ends ({@link #END}), has nothing ready or no
     * budget left ({@link #PENDING}, as {@code pull}), or the sink returns {@code false}
     * ({@link #STOPPED}). A failure thrown by the sink propagates, and each stage it passes through
     * ends and closes its upstream exactly as if it had failed itself.
     *
     * @param cx   the context of this poll
     * @param sink given each item
     * @return {@link #END}, {@link #PENDING} or {@link #STOPPED}
     */
    @SuppressWarnings("unchecked")
    default Object drain(Context cx, Sink<? super T> sink) {
        for (;;) {
            Object o = pull(cx);
            if (o == PENDING || o == END) {
                return o;
            }
            if (!sink.accept((T) o)) {
                return STOPPED;
            }
        }
    }

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
