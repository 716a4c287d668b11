package dev.weft.channel;

import java.util.Objects;

/**
 * What became of a message handed to a channel: {@link Sent}, or one of the refusals, each of which
 * gives the message back so nothing is silently lost.
 *
 * <pre>{@code
 * switch (tx.trySend(job)) {
 *     case SendResult.Sent<Job> s -> { }
 *     case SendResult.Full<Job>(Job j) -> backlog.add(j);          // try again later
 *     case SendResult.Closed<Job>(Job j) -> log.warn("dropped {}", j);
 *     case SendResult.TimedOut<Job>(Job j) -> { }                  // only from sendTimeout
 * }
 * }</pre>
 *
 * <p>Each sending method says which outcomes it can return.
 *
 * @param <T> the message type
 */
public sealed interface SendResult<T>
        permits SendResult.Sent, SendResult.Full, SendResult.Closed, SendResult.TimedOut {

    /**
     * The message is in the channel (or with the receiver). One instance: {@link #sent()}.
     *
     * @param <T> the message type
     */
    final class Sent<T> implements SendResult<T> {
        static final Sent<?> INSTANCE = new Sent<>();

        private Sent() {}

        @Override
        public String toString() {
            return "Sent";
        }
    }

    /**
     * The channel had no room and the caller did not wait ({@code trySend}).
     *
     * @param value the message, returned
     * @param <T>   the message type
     */
    record Full<T>(T value) implements SendResult<T> {
        /** @param value the message, never null */
        public Full {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The channel is closed (every receiver is gone, or closed it): the message was not delivered.
     *
     * @param value the message, returned
     * @param <T>   the message type
     */
    record Closed<T>(T value) implements SendResult<T> {
        /** @param value the message, never null */
        public Closed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The channel stayed full for the whole time limit of a {@code sendTimeout}.
     *
     * @param value the message, returned
     * @param <T>   the message type
     */
    record TimedOut<T>(T value) implements SendResult<T> {
        /** @param value the message, never null */
        public TimedOut {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param <T> the message type
     * @return the {@link Sent} singleton
     */
    @SuppressWarnings("unchecked")
    static <T> SendResult<T> sent() {
        return (SendResult<T>) Sent.INSTANCE;
    }

    /** @return whether the message was delivered */
    default boolean isSent() {
        return this instanceof Sent;
    }

    /**
     * Returns the message a refusal gave back.
     *
     * @return the undelivered message
     * @throws IllegalStateException if the message was {@link Sent}
     */
    default T returnedValue() {
        return switch (this) {
            case Full<T> f -> f.value();
            case Closed<T> c -> c.value();
            case TimedOut<T> t -> t.value();
            case Sent<T> s -> throw new IllegalStateException("the message was sent; nothing was returned");
        };
    }
}
