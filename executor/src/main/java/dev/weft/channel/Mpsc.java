package dev.weft.channel;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.FairSemaphore;
import dev.weft.internal.sync.PermitFuture;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.StreamPoll;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-producer, single-consumer channel: any number of {@link Sender}s (copy one with
 * {@link Sender#copy()}) and one {@link Receiver}, which is also an {@link AsyncStream}. Messages
 * arrive in the order each sender sent them.
 *
 * <pre>{@code
 * Mpsc<String> ch = Mpsc.bounded(100);
 * Mpsc.Sender<String> tx = ch.sender();
 * runtime.spawn(tx.send("hello").map(r -> { tx.close(); return r; }));
 * runtime.blockOn(ch.receiver().forEach(System.out::println));   // prints hello, then ends
 * }</pre>
 *
 * <p><b>Bounded</b> ({@link #bounded(int)}): {@code send} waits while the channel holds
 * {@code capacity} messages (back-pressure); senders waiting for room are served in FIFO order.
 * <b>Unbounded</b> ({@link #unbounded()}): {@code send} never waits.
 *
 * <p><b>Closing.</b> The channel closes when the receiver calls {@link Receiver#close()} or when
 * the last sender handle is closed. From then on every send returns
 * {@link SendResult.Closed} with the message (nothing is silently dropped); messages already sent
 * are still received, and the receiver then gets {@link RecvResult.Closed} (a stream: its end).
 *
 * <p>Memory effects: actions in a thread before it sends a message happen-before the receive that
 * returns it.
 *
 * @param sender   the first sender handle
 * @param receiver the receiver
 * @param <T>      the message type
 */
public record Mpsc<T>(Sender<T> sender, Receiver<T> receiver) {

    /** The largest capacity of a bounded channel. */
    public static final int MAX_CAPACITY = 1 << 30;

    private static final Poll<?> READY_SENT = Poll.ready(SendResult.sent());

    /** @throws NullPointerException if an end is null */
    public Mpsc {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Creates a channel that holds at most {@code capacity} messages.
     *
     * @param capacity the bound, {@code 1..MAX_CAPACITY}
     * @param <T>      the message type
     * @return the channel's two ends
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <T> Mpsc<T> bounded(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
        }
        return of(new MpscChannel<>(capacity));
    }

    /**
     * Creates a channel without a bound: sends never wait (memory is the limit).
     *
     * @param <T> the message type
     * @return the channel's two ends
     */
    public static <T> Mpsc<T> unbounded() {
        return of(new MpscChannel<>(FairSemaphore.MAX_PERMITS));
    }

    private static <T> Mpsc<T> of(MpscChannel<T> chan) {
        return new Mpsc<>(new Sender<>(chan), new Receiver<>(chan));
    }

    @SuppressWarnings("unchecked")
    static <T> Poll<SendResult<T>> readySent() {
        return (Poll<SendResult<T>>) READY_SENT;
    }

    /**
     * A sending handle. Handles are cheap: {@link #copy()} one per producer task and
     * {@link #close()} each when done; the channel closes when the last one is closed.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> implements AutoCloseable {
        private final MpscChannel<T> chan;
        private volatile int closed; // this handle's; 0 -> 1 once

        Sender(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /**
         * Sends {@code value}, waiting for room in a bounded channel.
         *
         * <p>Cancel safety: if the returned future is closed before it completed, the message was
         * not sent (the caller still has it) and the slot it may have been granted is passed on to
         * the next waiting sender.
         *
         * @param value the message, not {@code null}
         * @return a future of {@link SendResult.Sent}, or {@link SendResult.Closed} with the
         *     message if the channel is (or becomes, while waiting) closed
         */
        public Future<SendResult<T>> send(T value) {
            Objects.requireNonNull(value, "value");
            return new SendFuture<>(chan, value);
        }

        /**
         * Sends {@code value} if there is room now.
         *
         * @param value the message, not {@code null}
         * @return {@link SendResult.Sent}, {@link SendResult.Full} or {@link SendResult.Closed},
         *     the latter two with the message
         */
        public SendResult<T> trySend(T value) {
            Objects.requireNonNull(value, "value");
            return switch (chan.slots.tryAcquire(1)) {
                case ACQUIRED -> {
                    chan.push(value);
                    yield SendResult.sent();
                }
                case CLOSED -> new SendResult.Closed<>(value);
                default -> new SendResult.Full<>(value);
            };
        }

        /**
         * Sends {@code value}, waiting at most {@code limit} for room. Must be polled inside a
         * runtime (it uses the runtime's timer).
         *
         * <p>Cancel safety: as {@link #send}.
         *
         * @param value the message, not {@code null}
         * @param limit how long to wait for room, from the first poll
         * @return a future of {@link SendResult.Sent}, {@link SendResult.Closed} or
         *     {@link SendResult.TimedOut}, the latter two with the message
         */
        public Future<SendResult<T>> sendTimeout(T value, Duration limit) {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(limit, "limit");
            return new SendTimeoutFuture<>(new SendFuture<>(chan, value), value, limit);
        }

        /**
         * Waits for a slot and reserves it: the returned {@link Permit} sends one message without
         * waiting, or gives the slot back when closed unused. Useful to wait for room before
         * producing the message.
         *
         * <p>Cancel safety: as {@link #send}; a slot granted to a closed reservation future is
         * passed on.
         *
         * @return a future of the permit; fails with {@link ChannelClosedException} if the channel
         *     is closed
         */
        public Future<Permit<T>> reserve() {
            return new ReserveFuture<>(chan);
        }

        /**
         * Reserves a slot if one is free now.
         *
         * @return the permit, or empty if the channel is full
         * @throws ChannelClosedException if the channel is closed
         */
        public Optional<Permit<T>> tryReserve() {
            return switch (chan.slots.tryAcquire(1)) {
                case ACQUIRED -> Optional.of(new Permit<>(chan));
                case CLOSED -> throw new ChannelClosedException("cannot reserve a slot: the channel is closed");
                default -> Optional.empty();
            };
        }

        /**
         * Another handle on the same channel, which keeps it open until it too is closed.
         *
         * @return the new handle
         * @throws IllegalStateException if this handle was closed, or every handle was
         */
        public Sender<T> copy() {
            if (closed != 0 || !chan.addSender()) {
                throw new IllegalStateException("cannot copy a closed sender");
            }
            return new Sender<>(chan);
        }

        /**
         * Completes when the channel closes (its receiver closed it, or every sender handle is
         * closed): a producer can select on it to stop working for a receiver that is gone.
         *
         * <pre>{@code
         * Futures.select(produceForever(tx), tx.closed());   // stops when the receiver closes
         * }</pre>
         *
         * <p>Cancel safety: closing the returned future unregisters it; nothing else is affected.
         *
         * @return a future completing once the channel is closed
         */
        public Future<Void> closed() {
            return chan.closedFuture();
        }

        /** @return whether the channel is closed (by the receiver, or all senders closed) */
        public boolean isClosed() {
            return chan.slots.isClosed();
        }

        /** @return free slots right now (for an unbounded channel, a very large number) */
        public long capacity() {
            return chan.slots.availablePermits();
        }

        /** @return the channel's bound ({@link FairSemaphore#MAX_PERMITS} when unbounded) */
        public long maxCapacity() {
            return chan.bound;
        }

        /**
         * Closes this handle; when it is the last open one, the channel closes and the receiver,
         * after taking the messages already sent, sees the end. Later calls do nothing.
         */
        @Override
        public void close() {
            if (closed == 0 && CLOSED.compareAndSet(this, 0, 1)) {
                chan.dropSender();
            }
        }

        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(Sender.class, "closed", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * A reserved slot: {@link #send} delivers one message without waiting; {@link #close()} gives
     * the slot back if it was not used. Owned by one task at a time.
     *
     * @param <T> the message type
     */
    public static final class Permit<T> implements AutoCloseable {
        private final MpscChannel<T> chan;
        private boolean used;

        Permit(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /**
         * Sends {@code value} in the reserved slot. The message is delivered even if the channel
         * closed after the slot was reserved: the receiver gets it before the end.
         *
         * @param value the message, not {@code null}
         * @throws IllegalStateException if the permit was already used or closed
         */
        public void send(T value) {
            Objects.requireNonNull(value, "value");
            if (used) {
                throw new IllegalStateException("the permit was already used or closed");
            }
            used = true;
            chan.push(value);
        }

        /** Gives the slot back if it was not used. Later calls do nothing. */
        @Override
        public void close() {
            if (!used) {
                used = true;
                chan.slots.release(1);
                chan.wakeReceiver(); // the last slot back may be what the receiver needs to see the end
            }
        }
    }

    /**
     * The receiving end, owned by one task at a time. It is an {@link AsyncStream} of the
     * messages, which ends when the channel is closed and drained.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> implements AsyncStream<T> {
        private final MpscChannel<T> chan;

        Receiver(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /**
         * Receives the next message, waiting for one.
         *
         * <p>Cancel safety: a receive closed before it completed has taken nothing; the message
         * stays for the next receive.
         *
         * @return a future of {@link RecvResult.Value}, or {@link RecvResult.Closed} once the
         *     channel is closed and every message sent was received
         */
        public Future<RecvResult<T>> recv() {
            return new RecvFuture<>(chan);
        }

        /**
         * Receives a message if one is there.
         *
         * @return {@link RecvResult.Value}, {@link RecvResult.Empty} or {@link RecvResult.Closed}
         */
        public RecvResult<T> tryRecv() {
            return chan.tryRecv();
        }

        /**
         * Waits for at least one message, then moves up to {@code limit} of those available into
         * {@code buffer}: one wake-up for a batch.
         *
         * <p>Cancel safety: as {@link #recv()}.
         *
         * @param buffer receives the messages, in order
         * @param limit  the most to move, at least 1
         * @return a future of how many were added; {@code 0} means the channel is closed and
         *     drained
         */
        public Future<Integer> recvMany(List<? super T> buffer, int limit) {
            Objects.requireNonNull(buffer, "buffer");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
            return new RecvManyFuture<>(chan, buffer, limit);
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            Object m = chan.pollMessage(cx);
            if (m == MpscChannel.PENDING) {
                return StreamPoll.pending();
            }
            if (m == MpscChannel.CLOSED) {
                return StreamPoll.end();
            }
            @SuppressWarnings("unchecked")
            T t = (T) m;
            return StreamPoll.item(t);
        }

        /** @return whether the channel is closed (messages may still be waiting to be received) */
        public boolean isClosed() {
            return chan.slots.isClosed();
        }

        /**
         * Closes the channel: senders get {@link SendResult.Closed} with their message from now
         * on, and waiting senders are woken with it. Messages already sent stay receivable.
         * Idempotent.
         */
        @Override
        public void close() {
            chan.close();
        }
    }

    /** Waits for a slot, then appends the message; closed while waiting, it sends nothing. */
    private static final class SendFuture<T> extends PermitFuture<SendResult<T>> {
        private final MpscChannel<T> chan;
        private T value;

        SendFuture(MpscChannel<T> chan, T value) {
            super(chan.slots, 1);
            this.chan = chan;
            this.value = value;
        }

        @Override
        protected Poll<SendResult<T>> acquired() {
            T v = value;
            value = null;
            chan.push(v);
            return readySent();
        }

        @Override
        protected Poll<SendResult<T>> closed() {
            T v = value;
            value = null;
            return Poll.ready(new SendResult.Closed<>(v));
        }

        @Override
        protected void withdrawn() {
            chan.wakeReceiver(); // a passed-on slot of a closed channel may be its last
        }
    }

    private static final class SendTimeoutFuture<T> implements Future<SendResult<T>>, AutoCloseable {
        private final SendFuture<T> send;
        private final T value;
        private final Duration limit;
        private Sleep sleep;

        SendTimeoutFuture(SendFuture<T> send, T value, Duration limit) {
            this.send = send;
            this.value = value;
            this.limit = limit;
        }

        @Override
        public Poll<SendResult<T>> poll(Context cx) {
            Poll<SendResult<T>> p = send.poll(cx);
            if (p.isReady()) {
                closeSleep();
                return p;
            }
            if (sleep == null) {
                sleep = Time.sleep(limit);
            }
            if (sleep.poll(cx).isReady()) {
                sleep = null;
                send.close();
                return Poll.ready(new SendResult.TimedOut<>(value));
            }
            return Poll.pending();
        }

        private void closeSleep() {
            if (sleep != null) {
                sleep.close();
                sleep = null;
            }
        }

        @Override
        public void close() {
            closeSleep();
            send.close();
        }
    }

    /** Waits for a slot and hands it over as a {@link Permit}. */
    private static final class ReserveFuture<T> extends PermitFuture<Permit<T>> {
        private final MpscChannel<T> chan;

        ReserveFuture(MpscChannel<T> chan) {
            super(chan.slots, 1);
            this.chan = chan;
        }

        @Override
        protected Poll<Permit<T>> acquired() {
            return Poll.ready(new Permit<>(chan));
        }

        @Override
        protected Poll<Permit<T>> closed() {
            throw new ChannelClosedException("cannot reserve a slot: the channel is closed");
        }

        @Override
        protected void withdrawn() {
            chan.wakeReceiver();
        }
    }

    private static final class RecvFuture<T> implements Future<RecvResult<T>>, AutoCloseable {
        private final MpscChannel<T> chan;
        private boolean done;

        RecvFuture(MpscChannel<T> chan) {
            this.chan = chan;
        }

        @Override
        public Poll<RecvResult<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("recv polled after it completed or was closed");
            }
            Object m = chan.pollMessage(cx);
            if (m == MpscChannel.PENDING) {
                return Poll.pending();
            }
            done = true;
            if (m == MpscChannel.CLOSED) {
                return Poll.ready(RecvResult.closed());
            }
            @SuppressWarnings("unchecked")
            T t = (T) m;
            return Poll.ready(new RecvResult.Value<>(t));
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                chan.unregister();
            }
        }
    }

    private static final class RecvManyFuture<T> implements Future<Integer>, AutoCloseable {
        private final MpscChannel<T> chan;
        private final List<? super T> buffer;
        private final int limit;
        private boolean done;

        RecvManyFuture(MpscChannel<T> chan, List<? super T> buffer, int limit) {
            this.chan = chan;
            this.buffer = buffer;
            this.limit = limit;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("recvMany polled after it completed or was closed");
            }
            int n = chan.pollMany(cx, buffer, limit);
            if (n < 0) {
                return Poll.pending();
            }
            done = true;
            return Poll.ready(n);
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                chan.unregister();
            }
        }
    }
}
