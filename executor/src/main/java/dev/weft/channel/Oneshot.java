package dev.weft.channel;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;

/**
 * A channel for exactly one value: the usual way for a task to hand a reply back to the task that
 * asked for it. Lock-free; sending and receiving allocate nothing beyond the result objects.
 *
 * <pre>{@code
 * Oneshot<Reply> reply = Oneshot.channel();
 * requests.send(new Request(query, reply.sender()));     // the worker calls sender.send(answer)
 * switch (runtime.blockOn(reply.receiver())) {
 *     case RecvResult.Value<Reply>(Reply r) -> show(r);
 *     case RecvResult.Closed<Reply> c -> log.warn("the worker dropped the request");
 *     default -> throw new AssertionError();              // a poll gives only Value or Closed
 * }
 * }</pre>
 *
 * <p>Nothing is lost: a value is either received exactly once, or handed back to the sender by
 * {@link Sender#send} as {@link SendResult.Closed}. A value that was sent before the receiver was
 * closed can still be taken with {@link Receiver#tryRecv()}.
 *
 * <p>Each end is meant to be used by one task at a time; the two ends may be used concurrently
 * from any threads. Memory effects: actions of the sender before {@code send} happen-before the
 * receive that returns the value.
 *
 * @param sender   the sending end
 * @param receiver the receiving end
 * @param <T>      the value type
 */
public record Oneshot<T>(Oneshot.Sender<T> sender, Oneshot.Receiver<T> receiver) {

    /**
     * @param sender   the sending end, never null
     * @param receiver the receiving end, never null
     */
    public Oneshot {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Creates a oneshot channel.
     *
     * <pre>{@code
     * Oneshot<Integer> ch = Oneshot.channel();
     * ch.sender().send(42);
     * }</pre>
     *
     * @param <T> the value type
     * @return its two ends
     */
    public static <T> Oneshot<T> channel() {
        OneshotState<T> s = new OneshotState<>();
        return new Oneshot<>(new Sender<>(s), new Receiver<>(s));
    }

    /**
     * The sending end: sends the one value, or is closed without sending.
     *
     * <pre>{@code
     * if (tx.send(result) instanceof SendResult.Closed<Result>(Result r)) {
     *     cache.put(r);                              // nobody wanted it; it came back
     * }
     * }</pre>
     *
     * @param <T> the value type
     */
    public static final class Sender<T> implements AutoCloseable {
        private final OneshotState<T> state;

        Sender(OneshotState<T> state) {
            this.state = state;
        }

        /**
         * Sends the value and wakes the receiver. Never waits.
         *
         * @param value the value, never null
         * @return {@link SendResult.Sent}, or {@link SendResult.Closed} holding {@code value} if
         *     the receiver was closed (the value is not kept)
         * @throws IllegalStateException if a value was sent already, or this sender was closed
         */
        public SendResult<T> send(T value) {
            return state.send(Objects.requireNonNull(value, "value"));
        }

        /**
         * @return whether the receiver was closed: a value sent now would come back
         */
        public boolean isClosed() {
            return state.isReceiverClosed();
        }

        /**
         * Returns a future that completes once the receiver is closed, so that a producer can stop
         * computing a reply nobody wants. One task at a time may await it: of several pending
         * {@code closed()} futures only the one polled last is woken. Closing the future drops its
         * registration.
         *
         * <p>Cancel safety: fully cancel-safe; it consumes nothing.
         *
         * <pre>{@code
         * Futures.Selected<Object> s = rt.blockOn(Futures.select(compute(), tx.closed()));
         * }</pre>
         *
         * @return a new {@link AutoCloseable} future of {@code null}; polling it after it returned
         *     throws {@link IllegalStateException}
         */
        public Future<Void> closed() {
            return state.closedFuture();
        }

        /**
         * Closes this end without sending: the receiver then gets {@link RecvResult.Closed}.
         * Idempotent; after a value was sent it changes nothing (the value stays deliverable).
         */
        @Override
        public void close() {
            state.closeSender();
        }

        OneshotState<T> shared() {
            return state;
        }

        @Override
        public String toString() {
            return "Oneshot.Sender[" + (isClosed() ? "receiver closed" : "open") + "]";
        }
    }

    /**
     * The receiving end, itself the future of the value: a poll gives {@link RecvResult.Value} or
     * {@link RecvResult.Closed} (the sender was closed without sending).
     *
     * <p>Cancel safety: cancel-safe; closing the receiver before it returned leaves a value that
     * was already sent retrievable through {@link #tryRecv()}, and any later value goes back to
     * the sender.
     *
     * <pre>{@code
     * RecvResult<Reply> r = rt.blockOn(Time.timeout(Duration.ofSeconds(1), rx));
     * }</pre>
     *
     * @param <T> the value type
     */
    public static final class Receiver<T> implements Future<RecvResult<T>>, AutoCloseable {
        private final OneshotState<T> state;
        private boolean done; // a poll returned Ready; touched by the polling task only

        Receiver(OneshotState<T> state) {
            this.state = state;
        }

        /**
         * Waits for the value: {@code Value(v)}, or {@code Closed} if the sender was closed
         * without sending or this receiver was closed with nothing sent. Spends one unit of budget
         * when ready.
         *
         * <p>Cancel safety: cancel-safe, see the class.
         *
         * @param cx the poll's context
         * @return the outcome, or {@code Pending} with the waker registered
         * @throws IllegalStateException if a previous poll returned {@code Ready}
         */
        @Override
        public Poll<RecvResult<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Oneshot.Receiver polled after it returned its result");
            }
            if (!Budget.proceed(cx)) {
                return Poll.pending();
            }
            Poll<RecvResult<T>> p = state.pollRecv(cx.waker());
            if (p.isReady()) {
                done = true;
            } else {
                Budget.refund(cx);
            }
            return p;
        }

        /**
         * Takes the value without waiting.
         *
         * @return {@code Value(v)} the first time a sent value is taken; {@code Empty} if nothing
         *     was sent and both ends are open; {@code Closed} if the value was taken already, or
         *     either end was closed with nothing sent
         */
        public RecvResult<T> tryRecv() {
            return state.tryRecv();
        }

        /**
         * Closes this end: a later {@code send} returns {@link SendResult.Closed} with its value,
         * and the sender's {@link Sender#closed()} futures complete. A value sent before can still
         * be taken with {@link #tryRecv()}. Idempotent.
         */
        @Override
        public void close() {
            state.closeReceiver();
        }

        @Override
        public String toString() {
            return "Oneshot.Receiver[" + (done ? "done" : "waiting") + "]";
        }
    }
}
