package dev.weft;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A task future that counts its polls and its {@code close()} calls and delegates each poll to a
 * body. {@link #firstPoll()} opens when the first poll starts, {@link #firstPending()} when a poll
 * is about to return {@code Pending}, {@link #closed()} when close runs.
 */
final class Probe<T> implements Future<T>, AutoCloseable {

    private final Function<Context, Poll<T>> body;
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private final CountDownLatch firstPending = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Runnable onClose = () -> { };

    private Probe(Function<Context, Poll<T>> body) {
        this.body = body;
    }

    static <T> Probe<T> of(Function<Context, Poll<T>> body) {
        return new Probe<>(body);
    }

    static <T> Probe<T> ready(T value) {
        return new Probe<>(cx -> Poll.ready(value));
    }

    /** Pending forever; nothing ever wakes it. */
    static <T> Probe<T> pendingForever() {
        return new Probe<>(cx -> Poll.pending());
    }

    /** Pending until {@code signal} fires, then ready with {@code value}. */
    static <T> Probe<T> readyAfter(Signal signal, T value) {
        return new Probe<>(cx -> signal.poll(cx).map(v -> value));
    }

    /** Runs {@code action} inside {@code close()}, after the count is taken. */
    Probe<T> onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    @Override
    public Poll<T> poll(Context cx) {
        polls.incrementAndGet();
        firstPoll.countDown();
        Poll<T> p = body.apply(cx);
        if (!p.isReady()) {
            firstPending.countDown();
        }
        return p;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        closed.countDown();
        onClose.run();
    }

    int polls() {
        return polls.get();
    }

    int closes() {
        return closes.get();
    }

    CountDownLatch firstPoll() {
        return firstPoll;
    }

    /** Opens when a poll has decided to return {@code Pending} (it may not have returned yet). */
    CountDownLatch firstPending() {
        return firstPending;
    }

    CountDownLatch closed() {
        return closed;
    }
}
