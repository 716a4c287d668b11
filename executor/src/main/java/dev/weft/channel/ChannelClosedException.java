package dev.weft.channel;

/**
 * Thrown when a slot is reserved on a channel that is closed (its receiver closed it, or every
 * sender is gone). Operations that carry a message return {@link SendResult.Closed} instead, with
 * the message.
 */
public final class ChannelClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ChannelClosedException(String message) {
        super(message);
    }
}
