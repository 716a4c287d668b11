package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot countdown whose last decrement wakes the single waiter: the "signal the spawner" of
 * the workloads, used alike by every executor. A Weft task awaits it as a {@link Future}; a
 * platform or virtual thread calls {@link #await()}.
 *
 * <p>No lost wakeup: the waiter stores its waker (volatile write) and then re-reads the count
 * (volatile read); the decrementer decrements (volatile read-modify-write) and then reads the
 * waker (volatile read). Volatile accesses are sequentially consistent, so either the waiter's
 * re-read sees zero or the decrement that reached zero sees the waker. A wake that arrives after
 * the waiter saw zero is harmless: waking a finished task does nothing, and a thread's stray
 * {@code unpark} permit only costs one spurious return from a later park, which every park loop
 * here re-checks.
 */
final class Countdown implements Future<Void> {

    // decremented by the workers (volatile RMW); read by the waiter after it stored its waker
    private final AtomicInteger remaining;

    // written by the waiter before it re-reads remaining; read by the decrementer that reaches 0
    private volatile Waker waiter;

    /** @param count decrements until the waiter is signalled; at least 1 */
    Countdown(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        this.remaining = new AtomicInteger(count);
    }

    /** Decrements; the decrement that reaches zero wakes the waiter, if one is registered. */
    void countDown() {
        if (remaining.decrementAndGet() == 0) {
            Waker w = waiter;
            if (w != null) {
                w.wake();
            }
        }
    }

    /** @return whether the count reached zero */
    boolean isDone() {
        return remaining.get() <= 0;
    }

    /** For one Weft task (or a {@code blockOn}): ready once the count reached zero. */
    @Override
    public Poll<Void> poll(Context cx) {
        if (isDone()) {
            return Poll.ready(null);
        }
        Waker w = cx.waker();
        Waker stored = waiter;
        if (stored == null || !stored.willWake(w)) {
            waiter = w;
        }
        return isDone() ? Poll.ready(null) : Poll.pending();
    }

    /**
     * For one thread, platform or virtual: parks until the count reaches zero.
     *
     * @throws InterruptedException if the thread is interrupted (the {@link Watchdog} does this)
     */
    void await() throws InterruptedException {
        if (isDone()) {
            return;
        }
        Thread me = Thread.currentThread();
        waiter = () -> LockSupport.unpark(me);
        while (!isDone()) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while awaiting a countdown at " + remaining.get());
            }
        }
    }
}
