package dev.weft.bench.sync;

import dev.weft.Runtime;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Construction and shutdown of the executors, identical in every benchmark of this package.
 *
 * <p>Weft workers = ForkJoinPool parallelism = {@link #THREADS}; virtual threads run on their
 * default scheduler, whose parallelism is the available processors too.
 */
final class Bench {

    /** Threads of every pool: {@code -Dweft.bench.threads}, default the available processors. */
    static final int THREADS = Integer.getInteger("weft.bench.threads",
            java.lang.Runtime.getRuntime().availableProcessors());

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private Bench() {}

    /**
     * Pre-boxed messages, so allocation figures are the channel's own.
     *
     * @param n how many
     * @return {@code Integer} 0 to {@code n - 1}
     */
    static Integer[] boxed(int n) {
        Integer[] v = new Integer[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /** @return a multi-threaded Weft runtime of {@link #THREADS} workers */
    static Runtime weft() {
        return Runtime.builder().workerThreads(THREADS).threadName("weft-bench").build();
    }

    /** @return a ForkJoinPool of {@link #THREADS} threads in async (FIFO) mode */
    static ForkJoinPool fjp() {
        return new ForkJoinPool(THREADS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    }

    /** Stops a runtime or a pool built here; either may be {@code null}. */
    static void close(Runtime rt, ExecutorService pool) {
        boolean stopped = true;
        if (rt != null) {
            stopped = rt.shutdownTimeout(SHUTDOWN_TIMEOUT);
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                stopped &= pool.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
        }
        if (!stopped) {
            System.err.println("[weft-bench] a pool did not shut down within " + SHUTDOWN_TIMEOUT);
        }
    }

    /** @throws IllegalArgumentException naming the allowed values */
    static IllegalArgumentException unknown(String param, String value, String allowed) {
        return new IllegalArgumentException("unknown " + param + " '" + value + "': expected " + allowed);
    }
}
