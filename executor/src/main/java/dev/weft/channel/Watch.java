package dev.weft.channel;

import dev.weft.Future;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A channel that holds one value, the latest: receivers see the current value and learn when it
 * changes, but not every intermediate value (many quick sends coalesce into the last one).
 * Suited to configuration, status and progress.
 *
 * <pre>{@code
 * Watch<Config> cfg = Watch.channel(Config.defaults());
 * Watch.Receiver<Config> rx = cfg.receiver();
 * cfg.sender().send(Config.load(path));               // every waiting receiver wakes
 * RecvResult<Config> r = rt.blockOn(rx.changed());    // Value(the loaded config)
 * }</pre>
 *
 * <p>Values are meant to be immutable: a receiver shares the very object the sender stored. Each
 * stored value gets a new version; each receiver remembers the version it last saw. Memory
 * effects: what the sender did before storing a value happens-before a read that returns it.
 * The sender may be used from several threads (its updates are serialized); a receiver is used
 * by one task at a time ({@link Receiver#copy()} gives another task its own).
 *
 * @param sender   the sending end
 * @param receiver the first receiver
 * @param <T>      the value type
 */
public record Watch<T>(Watch.Sender<T> sender, Watch.Receiver<T> receiver) {

    /**
     * @param sender   the sending end, never null
     * @param receiver the first receiver, never null
     */
    public Watch {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Creates a watch channel holding {@code initial}; the receiver has seen it already.
     *
     * <pre>{@code
     * Watch<Status> status = Watch.channel(Status.STARTING);
     * }</pre>
     *
     * @param initial the first value, never null
     * @param <T>     the value type
     * @return the sender and a first receiver
     */
    public static <T> Watch<T> channel(T initial) {
        WatchState<T> s = new WatchState<>(Objects.requireNonNull(initial, "initial"));
        return new Watch<>(new Sender<>(s), new Receiver<>(s, 0));
    }

    /**
     * The sending end: replaces the value and wakes the receivers.
     *
     * <pre>{@code
     * tx.sendModify(stats -> stats.withRequests(stats.requests() + 1));
     * }</pre>
     *
     * @param <T> the value type
     */
    public static final class Sender<T> implements AutoCloseable {
        private final WatchState<T> state;

        Sender(WatchState<T> state) {
            this.state = state;
        }

        /**
         * Stores {@code value} and wakes every receiver waiting for a change, unless no receiver
         * is left: then nothing is stored.
         *
         * @param value the new value, never null
         * @return {@link SendResult.Sent}, or {@link SendResult.Closed} holding {@code value} if
         *     no receiver is open
         * @throws IllegalStateException if this sender was closed
         */
        public SendResult<T> send(T value) {
            return state.send(Objects.requireNonNull(value, "value"));
        }

        /**
         * Stores {@code value} even if no receiver is open (a later {@link #subscribe()} sees it)
         * and wakes the waiting receivers.
         *
         * @param value the new value, never null
         * @return the value it replaced
         * @throws IllegalStateException if this sender was closed
         */
        public T sendReplace(T value) {
            return state.sendReplace(Objects.requireNonNull(value, "value"));
        }

        /**
         * Replaces the value with {@code fn(current)} and wakes the waiting receivers, even if
         * {@code fn} returned the same object. {@code fn} runs while the channel is locked (so
         * concurrent updates are not lost): keep it short, and do not use this channel in it. If
         * it throws, nothing changes.
         *
         * @param fn computes the new value (never null) from the current one
         * @throws IllegalStateException if this sender was closed
         */
        public void sendModify(UnaryOperator<T> fn) {
            state.sendModify(Objects.requireNonNull(fn, "fn"), true);
        }

        /**
         * Like {@link #sendModify}, but stores and notifies only if {@code fn} returned a different
         * reference than it was given. Values are meant to be immutable: return the same object
         * to say "unchanged" (a mutated object returned as itself counts as unchanged, and
         * receivers would see the mutation without being told).
         *
         * <pre>{@code
         * boolean changed = tx.sendIfModified(s -> s.level() == level ? s : s.withLevel(level));
         * }</pre>
         *
         * @param fn computes the new value (never null) from the current one
         * @return whether a new value was stored and the receivers notified
         * @throws IllegalStateException if this sender was closed
         */
        public boolean sendIfModified(UnaryOperator<T> fn) {
            return state.sendModify(Objects.requireNonNull(fn, "fn"), false);
        }

        /** @return the current value */
        public T borrow() {
            return state.snapshot().value();
        }

        /**
         * Creates a receiver that has seen the current value: its {@code changed()} waits for the
         * next send.
         *
         * @return a new receiver
         */
        public Receiver<T> subscribe() {
            state.addReceiver();
            return new Receiver<>(state, state.snapshot().version());
        }

        /** @return how many receivers are open */
        public int receiverCount() {
            return state.receiverCount();
        }

        /** @return whether no receiver is open: {@link #send} would hand its value back */
        public boolean isClosed() {
            return receiverCount() == 0;
        }

        /**
         * Returns a future that completes once no receiver is open (ready at once if none is).
         * Closing it drops its registration.
         *
         * <p>Cancel safety: fully cancel-safe; it consumes nothing.
         *
         * <pre>{@code
         * rt.blockOn(Futures.select(publishForever(tx), tx.closed()));
         * }</pre>
         *
         * @return a new {@link AutoCloseable} future of {@code null}; polling it after it returned
         *     throws {@link IllegalStateException}
         */
        public Future<Void> closed() {
            return state.closedFuture();
        }

        /**
         * Closes the channel: each receiver still gets the last value if it had not seen it, then
         * {@link RecvResult.Closed}. Idempotent; later sends throw {@link IllegalStateException}.
         */
        @Override
        public void close() {
            state.closeSender();
        }

        WatchState<T> shared() {
            return state;
        }

        @Override
        public String toString() {
            return "Watch.Sender[receivers=" + receiverCount() + "]";
        }
    }

    /**
     * A receiving end: reads the current value and waits for changes. Used by one task at a time.
     *
     * <pre>{@code
     * while (rt.blockOn(rx.changed()) instanceof RecvResult.Value<Config>(Config c)) {
     *     apply(c);
     * }
     * }</pre>
     *
     * @param <T> the value type
     */
    public static final class Receiver<T> implements AutoCloseable {
        private final WatchState<T> state;
        long seen; // the version this receiver saw; touched by its owner (and its futures) only
        private boolean closed; // by its owner only

        Receiver(WatchState<T> state, long seen) {
            this.state = state;
            this.seen = seen;
        }

        /** @return the current value, without marking it seen */
        public T borrow() {
            return state.snapshot().value();
        }

        /** @return the current value, marking it seen */
        public T borrowAndUpdate() {
            WatchState.Snapshot<T> s = state.snapshot();
            seen = s.version();
            return s.value();
        }

        /**
         * @return whether a value this receiver has not seen is stored (a closed sender does not
         *     count as a change)
         */
        public boolean hasChanged() {
            return state.snapshot().version() != seen;
        }

        /** Marks the current value unseen, so {@link #changed()} is ready at once. */
        public void markChanged() {
            seen = WatchState.UNSEEN;
        }

        /** Marks the current value seen, so {@link #changed()} waits for the next send. */
        public void markUnchanged() {
            seen = state.snapshot().version();
        }

        /**
         * Waits until a value this receiver has not seen is stored, and returns the latest one,
         * marking it seen. Values sent in between are skipped. Spends one unit of budget when
         * ready.
         *
         * <p>Cancel safety: cancel-safe; nothing is marked seen until the future returns, so a
         * new {@code changed()} after a lost {@code select} sees the same change.
         *
         * <pre>{@code
         * RecvResult<Config> r = rt.blockOn(rx.changed());
         * }</pre>
         *
         * @return a new {@link AutoCloseable} future of {@code Value(latest)}, or {@code Closed}
         *     once the sender is closed and nothing unseen remains (or this receiver is closed);
         *     polling it after it returned throws {@link IllegalStateException}
         */
        public Future<RecvResult<T>> changed() {
            return state.changed(this, null);
        }

        /**
         * Waits until the value satisfies {@code predicate}: tests the current value first, then
         * each value stored later (quickly replaced values may be skipped). Every value tested
         * is marked seen. Spends one unit of budget when ready.
         *
         * <p>Cancel safety: cancel-safe; it consumes nothing but the seen mark.
         *
         * <pre>{@code
         * rt.blockOn(rx.waitFor(s -> s == Status.READY));
         * }</pre>
         *
         * @param predicate tested outside any lock, never null
         * @return a new {@link AutoCloseable} future of {@code Value(v)} with the first value
         *     satisfying it, or {@code Closed} if the sender was closed (or this receiver) before
         *     one did; polling it after it returned throws {@link IllegalStateException}
         */
        public Future<RecvResult<T>> waitFor(Predicate<? super T> predicate) {
            return state.changed(this, Objects.requireNonNull(predicate, "predicate"));
        }

        /**
         * Creates another receiver that has seen what this one has, for another task.
         *
         * @return a new receiver
         * @throws IllegalStateException if this receiver is closed
         */
        public Receiver<T> copy() {
            if (closed) {
                throw new IllegalStateException("cannot copy a closed watch receiver");
            }
            state.addReceiver();
            return new Receiver<>(state, seen);
        }

        /**
         * Closes this receiver; once every receiver is closed, sends return
         * {@link SendResult.Closed} and the sender's {@code closed()} completes. Its futures
         * return {@code Closed} when polled again. Idempotent.
         */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                state.removeReceiver();
            }
        }

        boolean isClosedByOwner() {
            return closed;
        }

        @Override
        public String toString() {
            return "Watch.Receiver[seen=" + seen + (closed ? ", closed" : "") + "]";
        }
    }
}
