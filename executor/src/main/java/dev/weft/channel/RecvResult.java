package dev.weft.channel;

import java.util.Objects;

/**
 * The outcome of a receive: a {@link Value}, or why there is none. One sealed type across the
 * channels, so no outcome is signalled by {@code null}.
 *
 * <pre>{@code
 * for (;;) {
 *     switch (runtime.blockOn(rx.recv())) {
 *         case RecvResult.Value<Event>(Event e) -> handle(e);
 *         case RecvResult.Lagged<Event>(long missed) -> log.warn("missed {} events", missed);
 *         case RecvResult.Closed<Event> c -> { return; }
 *         case RecvResult.Empty<Event> e -> throw new AssertionError("recv() waits instead");
 *     }
 * }
 * }</pre>
 *
 * <p>Each receiving method says which outcomes it can return: {@code recv()} never returns
 * {@link Empty} (it waits), and only a broadcast receiver returns {@link Lagged}.
 *
 * @param <T> the message type
 */
public sealed interface RecvResult<T>
        permits RecvResult.Value, RecvResult.Empty, RecvResult.Closed, RecvResult.Lagged {

    /**
     * A message.
     *
     * @param value the message, never null
     * @param <T>   the message type
     */
    record Value<T>(T value) implements RecvResult<T> {
        /** @param value the message, never null */
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Nothing to receive right now, but the channel is open ({@code tryRecv} only). One instance:
     * {@link #empty()}.
     *
     * @param <T> the message type
     */
    final class Empty<T> implements RecvResult<T> {
        static final Empty<?> INSTANCE = new Empty<>();

        private Empty() {}

        @Override
        public String toString() {
            return "Empty";
        }
    }

    /**
     * The channel is closed and every message sent before the close has been received. One
     * instance: {@link #closed()}.
     *
     * @param <T> the message type
     */
    final class Closed<T> implements RecvResult<T> {
        static final Closed<?> INSTANCE = new Closed<>();

        private Closed() {}

        @Override
        public String toString() {
            return "Closed";
        }
    }

    /**
     * A broadcast receiver fell behind: {@code missed} messages were overwritten before it read
     * them. The next receive continues with the oldest message still held.
     *
     * @param missed how many messages this receiver will never see, at least 1
     * @param <T>    the message type
     */
    record Lagged<T>(long missed) implements RecvResult<T> {
        /** @param missed at least 1 */
        public Lagged {
            if (missed < 1) {
                throw new IllegalArgumentException("missed must be at least 1, was " + missed);
            }
        }
    }

    /**
     * Named {@code of}, not {@code value}, so that {@code RecvResult::value} (the instance accessor)
     * stays unambiguous as a method reference.
     *
     * @param value the message
     * @param <T>   the message type
     * @return a {@link Value}
     */
    static <T> RecvResult<T> of(T value) {
        return new Value<>(value);
    }

    /**
     * @param <T> the message type
     * @return the {@link Empty} singleton
     */
    @SuppressWarnings("unchecked")
    static <T> RecvResult<T> empty() {
        return (RecvResult<T>) Empty.INSTANCE;
    }

    /**
     * @param <T> the message type
     * @return the {@link Closed} singleton
     */
    @SuppressWarnings("unchecked")
    static <T> RecvResult<T> closed() {
        return (RecvResult<T>) Closed.INSTANCE;
    }

    /** @return whether this is a {@link Value} */
    default boolean isValue() {
        return this instanceof Value;
    }

    /**
     * Returns the message, for code that has already ruled the other outcomes out.
     *
     * @return the message
     * @throws IllegalStateException naming the outcome, if this is not a {@link Value}
     */
    default T value() {
        if (this instanceof Value<T> v) {
            return v.value();
        }
        throw new IllegalStateException("no message received: " + this);
    }
}
