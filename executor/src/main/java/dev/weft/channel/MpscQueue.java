package dev.weft.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Dmitry Vyukov's unbounded multi-producer single-consumer linked queue: the message list of
 * {@link Mpsc}. Capacity (for bounded channels) and closing are the channel's business, not the
 * queue's.
 *
 * <h2>Implementation overview</h2>
 *
 * <pre>
 *   head (consumer's)                              tail (producers swap it)
 *     |                                              |
 *   [stub] --next--> [a] --next--> [b] --next--> [c] --next--> null
 * </pre>
 *
 * <ul>
 *   <li>A producer swaps {@code tail} to its node (one atomic exchange: producers never retry),
 *       then links the previous tail to it. Between the two steps the list is briefly cut: the
 *       consumer sees {@code next == null} although {@code tail} moved on, and treats the queue as
 *       empty; the producer's wake-up after linking covers it (see {@link Mpsc}).
 *   <li>The link is a volatile store: it pairs with the consumer's acquire load of {@code next},
 *       and being sequentially consistent it also orders before the producer's later volatile read
 *       of the receiver's "waiting" flag (a Dekker pair with the consumer, which sets the flag and
 *       then re-reads {@code next}).
 *   <li>{@code head} is the consumer's alone; the node it points to is a stub whose value was
 *       taken. Taking a value nulls the field so the queue retains nothing already received.
 *   <li>{@code head} and {@code tail} sit on different cache lines, with padding before, between
 *       and after them (the superclass chain below fixes the field order). Unpadded, the consumer's
 *       store to {@code head} on every message and the producers' exchange on {@code tail} took the
 *       same line from each other's core: the 5-producer {@code mpsc} benchmark's profile showed
 *       the exchange as its hottest frame.
 * </ul>
 *
 * @param <T> the message type
 */
final class MpscQueue<T> extends MpscQueueFields.PadAfterTail<T> {

    static final class Node<T> {
        T value;                // written before the node is published, nulled by the consumer
        volatile Node<T> next;  // written once by the producer of the next node

        Node(T value) {
            this.value = value;
        }
    }

    MpscQueue() {
        Node<T> stub = new Node<>(null);
        head = stub;
        tail = stub;
    }

    /** Appends {@code value}; any thread. */
    void offer(T value) {
        Node<T> node = new Node<>(value);
        @SuppressWarnings("unchecked")
        Node<T> prev = (Node<T>) TAIL.getAndSet(this, node);
        prev.next = node; // volatile: see the overview
    }

    /** @return the oldest value, or {@code null} if none is linked yet; consumer only */
    T poll() {
        Node<T> next = head.next;
        if (next == null) {
            return null;
        }
        T v = next.value;
        next.value = null;
        head = next;
        return v;
    }

    /** @return whether no value is linked; consumer only */
    boolean isEmpty() {
        return head.next == null;
    }

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(MpscQueueFields.Tail.class, "tail", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
