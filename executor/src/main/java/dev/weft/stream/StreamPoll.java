package dev.weft.stream;

import java.util.Objects;

/**
 * The outcome of one {@link AsyncStream#pollNext(dev.weft.Context) pollNext}: the next
 * {@link Item}, {@link Pending} (the context's waker will be woken when polling again may make
 * progress), or {@link End} (the stream is exhausted). One flat sealed type, so a consumer switches
 * over three cases instead of unwrapping a {@code Poll<Optional<T>>}.
 *
 * <pre>{@code
 * switch (stream.pollNext(cx)) {
 *     case StreamPoll.Item<String>(String line) -> handle(line);
 *     case StreamPoll.Pending<String> p -> { return Poll.pending(); }
 *     case StreamPoll.End<String> e -> { return Poll.ready(null); }
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public sealed interface StreamPoll<T> permits StreamPoll.Item, StreamPoll.Pending, StreamPoll.End {

    /**
     * The next item.
     *
     * @param value the item, never {@code null}
     * @param <T>   the item type
     */
    record Item<T>(T value) implements StreamPoll<T> {
        /** @param value the item, never {@code null} */
        public Item {
            Objects.requireNonNull(value, "stream items must not be null");
        }
    }

    /**
     * No item yet; the waker has been registered. One instance: {@link StreamPoll#pending()}.
     *
     * @param <T> the item type
     */
    final class Pending<T> implements StreamPoll<T> {
        static final Pending<?> INSTANCE = new Pending<>();

        private Pending() {}

        @Override
        public String toString() {
            return "Pending";
        }
    }

    /**
     * The stream is exhausted; it must not be polled again. One instance: {@link StreamPoll#end()}.
     *
     * @param <T> the item type
     */
    final class End<T> implements StreamPoll<T> {
        static final End<?> INSTANCE = new End<>();

        private End() {}

        @Override
        public String toString() {
            return "End";
        }
    }

    /**
     * @param value the item, never {@code null}
     * @param <T>   the item type
     * @return an {@link Item}
     */
    static <T> StreamPoll<T> item(T value) {
        return new Item<>(value);
    }

    /**
     * @param <T> the item type
     * @return the {@link Pending} singleton
     */
    @SuppressWarnings("unchecked")
    static <T> StreamPoll<T> pending() {
        return (StreamPoll<T>) Pending.INSTANCE;
    }

    /**
     * @param <T> the item type
     * @return the {@link End} singleton
     */
    @SuppressWarnings("unchecked")
    static <T> StreamPoll<T> end() {
        return (StreamPoll<T>) End.INSTANCE;
    }
}
