package dev.weft;

import java.util.Objects;

/**
 * The outcome of one {@link Future#poll(Context) poll}: either the future is {@link Ready} with its
 * value, or it is {@link Pending} and has arranged for the context's {@link Waker} to be woken when
 * polling again may make progress.
 *
 * <pre>{@code
 * switch (future.poll(cx)) {
 *     case Poll.Ready<String>(String value) -> System.out.println(value);
 *     case Poll.Pending<String> p -> { } // the waker will fire; poll again then
 * }
 * }</pre>
 *
 * @param <T> the type of the value a ready future produces
 */
public sealed interface Poll<T> permits Poll.Ready, Poll.Pending {

    /**
     * A completed poll carrying the future's value (which may be {@code null} for futures of
     * {@code Void}).
     *
     * @param value the value produced
     * @param <T>   the value type
     */
    record Ready<T>(T value) implements Poll<T> {
        /** The one {@code Ready(null)}, shared so that {@code Void} futures allocate nothing. */
        static final Ready<?> NULL = new Ready<>(null);
    }

    /**
     * A poll that could not complete. There is exactly one instance; use {@link Poll#pending()}.
     *
     * @param <T> the value type the future will eventually produce
     */
    final class Pending<T> implements Poll<T> {
        static final Pending<?> INSTANCE = new Pending<>();

        private Pending() {}

        @Override
        public String toString() {
            return "Pending";
        }
    }

    /**
     * Returns a ready outcome. {@code ready(null)} returns a shared instance and never allocates.
     *
     * @param value the value
     * @param <T>   the value type
     * @return a {@link Ready} holding {@code value}
     */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) Ready.NULL : new Ready<>(value);
    }

    /**
     * Returns the pending outcome (a singleton).
     *
     * @param <T> the value type
     * @return the pending outcome
     */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> pending() {
        return (Poll<T>) Pending.INSTANCE;
    }

    /** @return whether this outcome is {@link Ready} */
    default boolean isReady() {
        return this instanceof Ready;
    }

    /**
     * Returns the value of a ready outcome.
     *
     * @return the value
     * @throws IllegalStateException if this outcome is {@link Pending}
     */
    default T value() {
        if (this instanceof Ready<T> r) {
            return r.value();
        }
        throw new IllegalStateException("value() called on Poll.Pending");
    }

    /**
     * Maps the value of a ready outcome; a pending outcome stays pending.
     *
     * @param fn  the mapping function
     * @param <U> the new value type
     * @return the mapped outcome
     */
    default <U> Poll<U> map(java.util.function.Function<? super T, ? extends U> fn) {
        Objects.requireNonNull(fn, "fn");
        if (this instanceof Ready<T> r) {
            return ready(fn.apply(r.value()));
        }
        return pending();
    }
}
