package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.sync.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code semaphore}: {@code tasks} ∈ {6, 100} tasks share {@value #TOTAL} acquire / release
 * rounds ({@code TOTAL / tasks} each) on a semaphore of {@code tasks / 2} permits. Each task
 * yields once while it holds its permit (Weft: {@code Task.yieldPending}; virtual threads:
 * {@code Thread.yield()}), the way a semaphore bounds work that suspends. Without that, only as
 * many tasks as there are workers (2 here) ever run at once, fewer than the permits, and nobody
 * would wait: with it, about half of the tasks wait at any time. Score: time per
 * acquire/yield/release round (the yield is in every implementation's figure).
 *
 * <p>Check: inside its permit a task increments a shared "holders" count and fails the operation
 * if it exceeds the permits, then decrements it (an atomic increment and decrement per round, the
 * same for every implementation); the operation ends when every task finished all its rounds.
 * <ul>
 *   <li>{@code weft}: {@code dev.weft.sync.Semaphore}, awaiting {@code acquire()}, closing the
 *       permit. Weft's semaphore is fair (FIFO).</li>
 *   <li>{@code vthreads}: virtual threads with {@code java.util.concurrent.Semaphore} (default,
 *       non-fair: a releasing thread may barge back in).</li>
 *   <li>{@code vthreads_fair}: the same with {@code new Semaphore(permits, true)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SemaphoreBenchmark {

    static final int TOTAL = 60_000;

    @Param({"weft", "vthreads", "vthreads_fair"})
    public String impl;

    @Param({"6", "100"})
    public int tasks;

    private Runtime rt;

    @Setup(Level.Trial)
    public void open() {
        if (TOTAL % tasks != 0 || tasks < 2) {
            throw new IllegalArgumentException("tasks must be at least 2 and divide " + TOTAL + ", was " + tasks);
        }
        switch (impl) {
            case "weft" -> rt = Bench.weft();
            case "vthreads", "vthreads_fair" -> { }
            default -> throw Bench.unknown("impl", impl, "weft, vthreads or vthreads_fair");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, null);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public void semaphore() throws InterruptedException, TimeoutException {
        int k = TOTAL / tasks;
        int permits = tasks / 2;
        Done done = new Done(tasks);
        Holders holders = new Holders(permits, done);
        switch (impl) {
            case "weft" -> {
                Semaphore sem = new Semaphore(permits);
                Start.weft(rt, tasks, i -> new Acquirer(sem, k, holders, done));
            }
            case "vthreads", "vthreads_fair" -> {
                java.util.concurrent.Semaphore sem =
                        new java.util.concurrent.Semaphore(permits, impl.equals("vthreads_fair"));
                Start.vthreads(tasks, i -> {
                    for (int j = 0; j < k; j++) {
                        sem.acquire();
                        try {
                            if (!holders.enter()) {
                                return;
                            }
                            Thread.yield();
                            holders.leave();
                        } finally {
                            sem.release();
                        }
                    }
                    done.countDown();
                }, done);
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    /** How many tasks hold a permit; more than the permits fails the operation. */
    static final class Holders {
        private final AtomicInteger inside = new AtomicInteger();
        private final int permits;
        private final Done done;

        Holders(int permits, Done done) {
            this.permits = permits;
            this.done = done;
        }

        boolean enter() {
            int n = inside.incrementAndGet();
            if (n > permits) {
                done.fail(n + " holders of " + permits + " permits");
                return false;
            }
            return true;
        }

        void leave() {
            inside.decrementAndGet();
        }
    }

    private static final class Acquirer implements Future<Void> {
        private final Semaphore sem;
        private final Holders holders;
        private final Done done;
        private int left;
        private Future<Semaphore.Permit> acquire;
        private Semaphore.Permit held; // across the yield

        Acquirer(Semaphore sem, int k, Holders holders, Done done) {
            this.sem = sem;
            this.left = k;
            this.holders = holders;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (left > 0) {
                if (held != null) { // back from the yield
                    holders.leave();
                    held.close();
                    held = null;
                    left--;
                    continue;
                }
                if (acquire == null) {
                    acquire = sem.acquire();
                }
                Poll<Semaphore.Permit> p = acquire.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                acquire = null;
                held = p.value();
                if (!holders.enter()) {
                    held.close();
                    return Poll.ready(null);
                }
                return Task.yieldPending(cx);
            }
            done.countDown();
            return Poll.ready(null);
        }
    }
}
