package dev.weft.bench;

import dev.weft.Future;
import dev.weft.Runtime;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The executor under test in one trial, and its {@link Watchdog}. Built in
 * {@code @Setup(Level.Trial)}, closed in {@code @TearDown(Level.Trial)}.
 *
 * <p>Every pool gets {@link #THREADS} threads: Weft workers, ForkJoinPool parallelism and the
 * fixed thread pool's size. Virtual threads use their default scheduler (parallelism = available
 * processors). {@code cf} runs its stages on a ForkJoinPool built like {@code fjp}'s (not the
 * common pool, whose parallelism is one less).
 */
final class Pool implements AutoCloseable {

    /** Threads of every pool: {@code -Dweft.bench.threads}, default the available processors. */
    static final int THREADS = Integer.getInteger("weft.bench.threads",
            java.lang.Runtime.getRuntime().availableProcessors());

    /** How long {@link #close()} waits for a pool to stop before reporting it. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** The executors a benchmark can be parameterised with. */
    enum Kind {
        WEFT, FJP, TPE, VTHREADS, CF;

        static Kind of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown executor '" + name
                        + "': expected weft, fjp, tpe, vthreads or cf", e);
            }
        }
    }

    final Kind kind;
    /** Non-null for {@link Kind#WEFT}. */
    final Runtime weft;
    /** Non-null for {@link Kind#FJP} and {@link Kind#CF}: async (FIFO) mode. */
    final ForkJoinPool fjp;
    /** Non-null for {@link Kind#TPE}: daemon threads, so a stuck one cannot keep the fork alive. */
    final ExecutorService tpe;
    final Watchdog watchdog;

    private Pool(Kind kind, String what, int graceSeconds) {
        this.kind = kind;
        this.weft = kind == Kind.WEFT ? Runtime.builder().workerThreads(THREADS).threadName("weft-bench").build() : null;
        this.fjp = kind == Kind.FJP || kind == Kind.CF
                ? new ForkJoinPool(THREADS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true)
                : null;
        this.tpe = kind == Kind.TPE
                ? Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().name("tpe-", 0).factory())
                : null;
        this.watchdog = new Watchdog(what, graceSeconds);
    }

    /**
     * @param executor the {@code @Param} value
     * @param params   the trial's parameters, for messages
     * @return the started pool
     */
    static Pool open(String executor, BenchmarkParams params) {
        return open(executor, params, Watchdog.DEFAULT_GRACE_SECONDS);
    }

    /**
     * @param executor     the {@code @Param} value
     * @param params       the trial's parameters, for messages
     * @param graceSeconds how long past the iteration time an operation may run before the
     *                     {@link Watchdog} fails it
     * @return the started pool
     */
    static Pool open(String executor, BenchmarkParams params, int graceSeconds) {
        return new Pool(Kind.of(executor), params.getBenchmark() + " executor=" + executor, graceSeconds);
    }

    /** Starts an iteration's deadline; from {@code @Setup(Level.Iteration)}. */
    void arm(IterationParams iteration) {
        watchdog.arm(iteration);
    }

    /** From {@code @TearDown(Level.Iteration)}. */
    void disarm() {
        watchdog.disarm();
    }

    /**
     * {@code weft.blockOn(future)}, failing instead of hanging if the iteration deadline passes.
     *
     * @param future the future
     * @param <T>    its result type
     * @return its result
     */
    <T> T blockOn(Future<T> future) {
        return weft.blockOn(watchdog.guard(future));
    }

    @Override
    public void close() {
        watchdog.close();
        boolean stopped = true;
        if (weft != null) {
            stopped = weft.shutdownTimeout(SHUTDOWN_TIMEOUT);
        }
        ExecutorService pool = fjp != null ? fjp : tpe;
        if (pool != null) {
            pool.shutdownNow();
            try {
                stopped = pool.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
        }
        if (!stopped) {
            System.err.println("[weft-bench] " + kind + " did not shut down within " + SHUTDOWN_TIMEOUT);
        }
    }
}
