package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Turns a hung operation into a failed benchmark, with a thread dump, instead of a hung run.
 *
 * <p>{@link #arm} is called at the start of every iteration (warm-up included) and sets a deadline
 * of the iteration time plus a grace period (the benchmark's default, usually
 * {@value #DEFAULT_GRACE_SECONDS} s; {@code -D}{@value #GRACE_PROPERTY}{@code =seconds} overrides
 * it for every benchmark). A daemon thread checks the deadline every
 * {@value #CHECK_PERIOD_MILLIS} ms. On expiry it prints the stack of every platform thread to
 * stderr, wakes the Weft waiter registered by a {@link #guard guarded} future, and interrupts the
 * benchmark thread. The guarded future then throws {@link Timeout} out of {@code blockOn}; the
 * JDK baselines wait interruptibly and throw {@link InterruptedException}. Either way JMH records
 * the benchmark as failed and goes on with the next.
 *
 * <p>Why the waker as well as the interrupt: Weft's {@code blockOn} parks in a loop that ignores
 * interrupts (with the interrupt flag set, {@code LockSupport.park} returns at once, so an
 * interrupted {@code blockOn} spins at full speed until it is woken).
 *
 * <p>Arming costs nothing per operation: one deadline per iteration, one waker store per
 * {@code blockOn}.
 */
final class Watchdog implements AutoCloseable {

    static final String GRACE_PROPERTY = "weft.bench.grace";
    static final int DEFAULT_GRACE_SECONDS = 60;
    private static final long CHECK_PERIOD_MILLIS = 250;
    private static final long DISARMED = Long.MAX_VALUE;

    private final String what;
    private final long graceNanos;
    private final Thread checker;

    // written by the benchmark thread in arm/disarm; read by the checker
    private volatile long deadline = DISARMED;
    private volatile Thread benchmarkThread;

    // written by a guarded future before it reads `expired`; read by the checker after it set `expired`
    private volatile Waker waiter;
    private volatile boolean expired;
    private volatile boolean closed;
    private volatile Supplier<String> describer = () -> "";

    /**
     * @param what         the benchmark and parameters, for the failure message
     * @param graceSeconds the grace period unless {@value #GRACE_PROPERTY} is set
     */
    Watchdog(String what, int graceSeconds) {
        this.what = what;
        this.graceNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger(GRACE_PROPERTY, graceSeconds));
        this.checker = Thread.ofPlatform().daemon().name("bench-watchdog").unstarted(this::check);
        checker.start();
    }

    /** Starts an iteration's deadline; call on the benchmark thread. */
    void arm(IterationParams iteration) {
        benchmarkThread = Thread.currentThread();
        long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
        deadline = System.nanoTime() + iterationNanos + graceNanos;
    }

    /** Starts a deadline of the grace period alone, for waits outside iterations (tear-down). */
    void armGrace() {
        benchmarkThread = Thread.currentThread();
        deadline = System.nanoTime() + graceNanos;
    }

    /** @param describer says, from the watchdog's thread, how far the current operation got */
    void describeWith(Supplier<String> describer) {
        this.describer = describer;
    }

    /** Ends an iteration's deadline. */
    void disarm() {
        deadline = DISARMED;
    }

    /**
     * @param future a future the benchmark thread is about to {@code blockOn}
     * @param <T>    its result type
     * @return the same future, failing with {@link Timeout} once the deadline has passed
     */
    <T> Future<T> guard(Future<T> future) {
        return new Guarded<>(future);
    }

    private final class Guarded<T> implements Future<T> {
        private final Future<T> inner;
        private Waker registered; // the blockOn's waker, stored once

        Guarded(Future<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (registered == null || !registered.willWake(cx.waker())) {
                registered = cx.waker();
                waiter = registered; // before the read of `expired` (see the field comments)
            }
            if (expired) {
                throw new Timeout(what, graceNanos);
            }
            return inner.poll(cx);
        }
    }

    private void check() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long d = deadline;
            if (d != DISARMED && !expired && System.nanoTime() - d > 0) {
                fire();
            }
        }
    }

    private void fire() {
        StringBuilder dump = new StringBuilder(8192);
        dump.append("\n[weft-bench] TIMEOUT: ").append(what).append(": an operation did not finish within the")
                .append(" iteration time + ").append(TimeUnit.NANOSECONDS.toSeconds(graceNanos))
                .append(" s. ");
        try {
            dump.append(describer.get());
        } catch (RuntimeException e) {
            dump.append("(progress unknown: ").append(e).append(')');
        }
        dump.append("\nPlatform thread stacks follow.\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            dump.append("\n\"").append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        System.err.println(dump);
        expired = true; // before reading `waiter` (see the field comments)
        Waker w = waiter;
        if (w != null) {
            w.wake();
        }
        Thread t = benchmarkThread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        checker.interrupt();
    }

    /** Thrown out of a guarded {@code blockOn} whose deadline passed. */
    static final class Timeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Timeout(String what, long graceNanos) {
            super(what + ": operation timed out (iteration time + " + TimeUnit.NANOSECONDS.toSeconds(graceNanos)
                    + " s); see the thread dump on stderr");
        }
    }
}
