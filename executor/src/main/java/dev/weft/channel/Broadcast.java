package dev.weft.channel;

import dev.weft.Future;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer broadcast channel: every receiver sees every value sent after
 * it subscribed, in order. The channel holds the last {@code capacity} values; a receiver that
 * falls further behind does not slow the senders down but is told how many values it missed
 * ({@link RecvResult.Lagged}) and goes on from the oldest value still held. Modelled on Tokio's
 * {@code tokio::sync::broadcast}.
 *
 * <pre>{@code
 * Broadcast<String> ch = Broadcast.channel(16);
 * Broadcast.Sender<String> tx = ch.sender();
 * Broadcast.Receiver<String> a = ch.receiver();
 * Broadcast.Receiver<String> b = tx.subscribe();   // sees what is sent from now on
 * tx.send("hello");
 * tx.send("world");
 * tx.close();                                      // the last sender: receivers drain, then Closed
 * a.tryRecv();                                     // Value(hello), then Value(world), then Closed
 * runtime.blockOn(b.recv());                       // Value(hello): b has its own position
 * }</pre>
 *
 * <p><b>Lagging.</b> A receiver more than {@code capacity} values behind gets
 * {@code Lagged(n)}, {@code n} being how many values it will never see; its next receive returns
 * the oldest value still held. With capacity 4 and ten values sent, a receiver that read none gets
 * {@code Lagged(6)}, then the values 7 to 10. So for each receiver, values received plus values
 * reported missed always add up to the values sent since it subscribed.
 *
 * <p><b>Closing.</b> When every sender handle is closed, each receiver still gets every value it
 * has not read (and not lagged past), then {@link RecvResult.Closed}. When every receiver handle
 * is closed, {@link Sender#send} returns {@link SendResult.Closed} with the value, which is not
 * stored.
 *
 * <p><b>Memory.</b> The ring is {@code capacity} slots allocated up front and never grows: a slow
 * receiver lags instead. A value stays referenced until a later send overwrites its slot, or until
 * the last receiver closes.
 *
 * <p><b>Memory effects.</b> Actions in a thread before it sends a value happen-before the receive
 * (in any receiver) that returns that value. Closing the last sender happens-before a receive
 * returns {@code Closed}.
 *
 * <p><b>Threads.</b> A sender may be used by any number of tasks and threads at once. A receiver
 * holds its own read position and is used by one task at a time, one receive at a time; to read
 * from several tasks, give each its own receiver ({@link Sender#subscribe()} or
 * {@link Receiver#copy()}).
 *
 * @param sender   the sending end
 * @param receiver the first receiving end; more come from {@link Sender#subscribe()} and
 *                 {@link Receiver#copy()}
 * @param <T>      the message type
 */
public record Broadcast<T>(Broadcast.Sender<T> sender, Broadcast.Receiver<T> receiver) {

    /**
     * Pairs two ends; use {@link #channel(int)} to create a channel.
     *
     * @param sender   the sending end, not null
     * @param receiver the receiving end, not null
     */
    public Broadcast {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Creates a channel that holds the last {@code capacity} values, with one sender and one
     * receiver.
     *
     * <pre>{@code
     * Broadcast<Event> events = Broadcast.channel(1000);   // really 1024: a power of two
     * }</pre>
     *
     * @param capacity how many values the channel holds for slow receivers, {@code 1..2^30};
     *                 rounded up to the next power of two ({@link Sender#capacity()} tells the
     *                 real value)
     * @param <T>      the message type
     * @return the two ends
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <T> Broadcast<T> channel(int capacity) {
        BroadcastRing<T> ring = new BroadcastRing<>(BroadcastRing.roundCapacity(capacity));
        return new Broadcast<>(new Sender<>(ring), new Receiver<>(ring, 0));
    }

    /**
     * The sending end of a {@link Broadcast} channel; safe to use from any number of threads.
     * Closing it (every copy) ends the stream for the receivers.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> implements AutoCloseable {

        private final BroadcastRing<T> ring;
        boolean closed; // guarded by ring.lock

        Sender(BroadcastRing<T> ring) {
            this.ring = ring;
        }

        /**
         * Sends {@code value} to every open receiver, without waiting: a full ring overwrites its
         * oldest value (receivers that had not read it will get {@link RecvResult.Lagged}).
         *
         * <pre>{@code
         * if (tx.send(tick) instanceof SendResult.Closed<Tick> c) {
         *     stopTicking();                        // nobody is listening any more
         * }
         * }</pre>
         *
         * @param value the message, not null
         * @return {@link SendResult.Sent}, or {@link SendResult.Closed} with the value (not
         *     stored) if no receiver is open
         * @throws IllegalStateException if this handle was closed
         */
        public SendResult<T> send(T value) {
            Objects.requireNonNull(value, "value");
            return ring.send(this, value) ? SendResult.sent() : new SendResult.Closed<>(value);
        }

        /**
         * Creates a receiver that sees every value sent after this call (none sent before).
         *
         * <pre>{@code
         * Broadcast.Receiver<Event> mine = tx.subscribe();
         * }</pre>
         *
         * @return a new open receiver
         * @throws IllegalStateException if this handle was closed
         */
        public Receiver<T> subscribe() {
            return new Receiver<>(ring, ring.addReceiver(this));
        }

        /**
         * Returns another sender handle of the same channel; the channel stays open for the
         * receivers until every handle is closed.
         *
         * <pre>{@code
         * runtime.spawn(producer(tx.copy()));       // the task closes its copy when done
         * }</pre>
         *
         * @return a new open sender handle
         * @throws IllegalStateException if this handle was closed
         */
        public Sender<T> copy() {
            ring.addSender(this);
            return new Sender<>(ring);
        }

        /**
         * Tells how many receivers are open right now: a snapshot, for metrics and for deciding
         * whether sending is worth it.
         *
         * @return the number of open receivers
         */
        public int receiverCount() {
            return ring.receiverCount();
        }

        /**
         * Tells how many values the channel holds for a slow receiver.
         *
         * @return the capacity asked for, rounded up to a power of two
         */
        public int capacity() {
            return ring.capacity();
        }

        /**
         * Closes this handle; idempotent. When every sender handle is closed, receivers get the
         * values they have not read and then {@link RecvResult.Closed}.
         */
        @Override
        public void close() {
            ring.closeSender(this);
        }

        @Override
        public String toString() {
            return "Broadcast.Sender[capacity=" + capacity() + "]";
        }
    }

    /**
     * A receiving end of a {@link Broadcast} channel, with its own read position. Used by one task
     * at a time.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> implements AutoCloseable {

        private final BroadcastRing<T> ring;
        private long next;      // the position to read next; owner only
        private boolean closed; // owner only
        BroadcastRecv<T> queued; // the receive last queued for this receiver; guarded by ring.lock

        Receiver(BroadcastRing<T> ring, long next) {
            this.ring = ring;
            this.next = next;
        }

        /**
         * Returns a future of the next value, waiting for it if there is none yet.
         *
         * <pre>{@code
         * switch (runtime.blockOn(rx.recv())) {
         *     case RecvResult.Value<Event>(Event e) -> handle(e);
         *     case RecvResult.Lagged<Event>(long n) -> log.warn("missed {} events", n);
         *     case RecvResult.Closed<Event> c -> stop();
         *     case RecvResult.Empty<Event> e -> throw new AssertionError("recv() waits instead");
         * }
         * }</pre>
         *
         * <p>Cancel safety: cancel safe. A receive that is closed before it returned consumed
         * nothing: the next receive returns the same message.
         *
         * @return a future ({@link AutoCloseable}) of {@link RecvResult.Value},
         *     {@link RecvResult.Lagged}, or {@link RecvResult.Closed} once every sender is closed
         *     and this receiver has read everything still held; polling it after it returned, or
         *     after this receiver was closed, throws {@link IllegalStateException}
         * @throws IllegalStateException if this receiver was closed
         */
        public Future<RecvResult<T>> recv() {
            checkOpen();
            return new BroadcastRecv<>(ring, this);
        }

        /**
         * Receives the next value if there is one, without waiting.
         *
         * <pre>{@code
         * for (RecvResult<Event> r; (r = rx.tryRecv()).isValue(); ) {
         *     handle(r.value());
         * }
         * }</pre>
         *
         * @return {@link RecvResult.Value}, {@link RecvResult.Lagged},
         *     {@link RecvResult.Empty} if nothing was sent yet, or {@link RecvResult.Closed} once
         *     every sender is closed and this receiver has read everything still held
         * @throws IllegalStateException if this receiver was closed
         */
        public RecvResult<T> tryRecv() {
            checkOpen();
            RecvResult<T> r = read();
            return r == null ? RecvResult.empty() : r;
        }

        /**
         * Returns a new receiver at this receiver's position: it will see the same values this
         * one has not read yet, and later ones.
         *
         * <pre>{@code
         * runtime.spawn(audit(rx.copy()));
         * }</pre>
         *
         * @return a new open receiver
         * @throws IllegalStateException if this receiver was closed
         */
        public Receiver<T> copy() {
            checkOpen();
            ring.addReceiver(null);
            return new Receiver<>(ring, next);
        }

        /**
         * Tells how many values the channel holds for a slow receiver.
         *
         * @return the capacity asked for, rounded up to a power of two
         */
        public int capacity() {
            return ring.capacity();
        }

        /**
         * Closes this receiver; idempotent. It no longer counts as open: once every receiver is
         * closed, {@link Sender#send} returns {@link SendResult.Closed}. A receive of this
         * receiver still waiting stops waiting (polling it again throws).
         */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                ring.closeReceiver(this);
            }
        }

        /**
         * Reads the value at {@link #next}, advancing past it; the caller owns this receiver.
         *
         * @return a Value, Lagged or Closed, or {@code null} if nothing was sent yet
         */
        RecvResult<T> read() {
            long n = next;
            RecvResult<T> r = readAt(n);
            if (r != null || !ring.closedAcquire()) {
                return r;
            }
            r = readAt(n); // closed seen: this read sees the last value ever sent
            return r != null ? r : RecvResult.closed();
        }

        private RecvResult<T> readAt(long n) {
            BroadcastRing.Slot<T> s = ring.slotAcquire(n);
            if (s == null || s.pos() < n) {
                return null;
            }
            if (s.pos() == n) {
                next = n + 1;
                return RecvResult.of(s.value());
            }
            // Overwritten. The slot is stored before tail advances, so tail may still lag the slot.
            long oldest = Math.max(ring.tailAcquire(), s.pos() + 1) - ring.capacity();
            next = oldest;
            return new RecvResult.Lagged<>(oldest - n);
        }

        void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this broadcast receiver was closed");
            }
        }

        BroadcastRing<T> ring() {
            return ring;
        }

        @Override
        public String toString() {
            return "Broadcast.Receiver[next=" + next + (closed ? ", closed" : "") + "]";
        }
    }
}
