package dev.weft.bench.time;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot countdown awaited by one platform thread (the benchmark thread), counted down from any
 * thread: a Weft worker, an STPE thread, Netty's timer thread, a virtual thread. The same class for
 * every implementation, so the end-of-operation signal costs all of them the same.
 *
 * <p>No lost wakeup: the waiter stores itself (volatile write) before re-reading the count; the
 * decrement that reaches zero (volatile read-modify-write) reads the waiter afterwards. Writes made
 * by a counting thread before its decrement happen-before the waiter's return (each decrement reads
 * the previous one's write: a chain of volatile accesses).
 */
final class Latch {

    private final AtomicInteger remaining;
    private volatile Thread waiter;

    Latch(int count) {
        remaining = new AtomicInteger(count);
    }

    void countDown() {
        if (remaining.decrementAndGet() == 0) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    int remaining() {
        return remaining.get();
    }

    /**
     * @param timeoutNanos how long to wait at most
     * @throws TimeoutException     if the count did not reach zero in time (a hung workload)
     * @throws InterruptedException if interrupted
     */
    void await(long timeoutNanos) throws TimeoutException, InterruptedException {
        if (remaining.get() <= 0) {
            return;
        }
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutNanos;
        while (remaining.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(remaining.get() + " timers still pending after "
                        + timeoutNanos / 1_000_000 + " ms");
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
