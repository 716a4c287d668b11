package dev.weft.bench.sync;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of one operation, awaited by the benchmark thread and counted down by the workload's
 * finishers (a Weft task, a virtual thread, a ForkJoinPool task alike, so the end signal costs
 * every implementation the same). It is also this package's watchdog: {@link #await()} gives up
 * after {@value #LIMIT_PROPERTY} seconds (default {@value #DEFAULT_LIMIT_SECONDS}; an operation
 * takes milliseconds), prints the platform threads' stacks and throws, so a hang fails the
 * benchmark instead of hanging JMH.
 *
 * <p>A finisher that finds a wrong result calls {@link #fail}: the operation then throws, so a
 * broken run cannot report a speed.
 *
 * <p>No lost wakeup: the waiter stores itself (volatile write) before re-reading the count; the
 * decrement that reaches zero (volatile read-modify-write) reads the waiter afterwards. Writes of
 * a finisher before its decrement happen-before the waiter's return.
 */
final class Done {

    static final String LIMIT_PROPERTY = "weft.bench.grace";
    static final int DEFAULT_LIMIT_SECONDS = 30;
    private static final long LIMIT_NANOS =
            TimeUnit.SECONDS.toNanos(Integer.getInteger(LIMIT_PROPERTY, DEFAULT_LIMIT_SECONDS));

    private final int count;
    private final AtomicInteger remaining;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile Thread waiter;

    /** @param count finishers to wait for, at least 1 */
    Done(int count) {
        this.count = count;
        this.remaining = new AtomicInteger(count);
    }

    /** One finisher is done. */
    void countDown() {
        if (remaining.decrementAndGet() == 0) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Records a wrong result (the first one wins) and counts down, so the operation ends and
     * throws.
     *
     * @param what what was wrong
     */
    void fail(String what) {
        failure.compareAndSet(null, what);
        countDown();
    }

    /** @return the recorded failure, or {@code null} */
    String failure() {
        return failure.get();
    }

    /**
     * Waits until every finisher counted down, or a failure was recorded.
     *
     * @throws TimeoutException     if that takes longer than the limit (a hang)
     * @throws InterruptedException if interrupted
     * @throws IllegalStateException if a finisher found a wrong result
     */
    void await() throws TimeoutException, InterruptedException {
        if (remaining.get() > 0 && failure.get() == null) {
            waiter = Thread.currentThread();
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (remaining.get() > 0 && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    dumpThreads();
                    throw new TimeoutException(remaining.get() + " of " + count
                            + " finishers still running after " + TimeUnit.NANOSECONDS.toSeconds(LIMIT_NANOS)
                            + " s (-D" + LIMIT_PROPERTY + "=seconds); thread stacks on stderr");
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted awaiting " + remaining.get() + " finishers");
                }
            }
        }
        String f = failure.get();
        if (f != null) {
            throw new IllegalStateException("wrong result: " + f);
        }
    }

    private static void dumpThreads() {
        StringBuilder dump = new StringBuilder(8192).append("\n[weft-bench] TIMEOUT; platform thread stacks:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            dump.append("\n\"").append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        System.err.println(dump);
    }
}
