package dev.weft.bench.time;

import io.netty.util.HashedWheelTimer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Construction and shutdown of the timer baselines, identical in every benchmark of this package. */
final class Baselines {

    /** Threads of the multi-threaded pools: {@code -Dweft.bench.threads}, default available processors. */
    static final int THREADS = Integer.getInteger("weft.bench.threads",
            java.lang.Runtime.getRuntime().availableProcessors());

    private Baselines() {}

    /**
     * {@code ScheduledThreadPoolExecutor} with {@link #THREADS} daemon threads and
     * {@code setRemoveOnCancelPolicy(true)} (a cancelled task leaves the heap at once, as Weft's timer
     * leaves the wheel; the default keeps it until its deadline).
     */
    static ScheduledThreadPoolExecutor stpe() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(THREADS,
                Thread.ofPlatform().daemon().name("stpe-", 0).factory());
        e.setRemoveOnCancelPolicy(true);
        e.prestartAllCoreThreads();
        return e;
    }

    /**
     * @param tickMillis the tick: Netty's default is 100 ms; 1 ms matches Weft's resolution
     * @return a started {@code HashedWheelTimer} (512 buckets, Netty's default) on a daemon thread
     */
    static HashedWheelTimer hashedWheelTimer(long tickMillis) {
        ThreadFactory f = Thread.ofPlatform().daemon().name("netty-hwt-", 0).factory();
        HashedWheelTimer t = new HashedWheelTimer(f, tickMillis, TimeUnit.MILLISECONDS, 512);
        t.start();
        return t;
    }

    static void shutdown(ScheduledThreadPoolExecutor e) throws InterruptedException {
        if (e != null) {
            e.shutdownNow();
            e.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits (untimed by JMH, from a {@code Level.Invocation} setup) until Netty's worker has filed
     * and unlinked every timeout queued by the previous operation, so deferred work cannot pile up.
     *
     * @param hwt the timer, or {@code null} when another implementation runs
     */
    static void awaitDrained(HashedWheelTimer hwt) {
        if (hwt == null) {
            return;
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hwt.pendingTimeouts() > 0) {
            if (System.nanoTime() - giveUp > 0) {
                throw new IllegalStateException("HashedWheelTimer still has " + hwt.pendingTimeouts()
                        + " pending timeouts after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }

    static void stop(HashedWheelTimer t) {
        if (t != null) {
            t.stop(); // returns the unprocessed timeouts; the worker thread ends
        }
    }
}
