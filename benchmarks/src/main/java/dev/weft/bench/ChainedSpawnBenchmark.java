package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * {@code chained_spawn}: a chain of {@value #LINKS} spawns, each task spawning the next; the last
 * counts down a {@link Countdown} the benchmark thread awaits. The first spawn comes from the
 * benchmark thread. Tokio's {@code chained_spawn}, same size. Score: nanoseconds per link. Only one
 * task is runnable at any time, so this measures the spawn-to-run latency on one worker (Weft's
 * LIFO slot) more than throughput.
 *
 * <p>{@code cf}: {@value #LINKS} {@code thenRunAsync} stages chained on an incomplete head (built by
 * the benchmark thread, inside the timed operation), which the benchmark thread then completes;
 * each stage's completion submits the next to a ForkJoinPool like {@code fjp}'s; the benchmark
 * thread waits with {@code get()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ChainedSpawnBenchmark {

    /** Links per operation (Tokio's ITER). */
    static final int LINKS = 1_000;

    private static final Runnable NOOP = () -> { };

    @Param({"weft", "fjp", "tpe", "cf", "vthreads"})
    public String executor;

    private Pool pool;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        pool = Pool.open(executor, params);
    }

    @Setup(Level.Iteration)
    public void arm(IterationParams iteration) {
        pool.arm(iteration);
    }

    @TearDown(Level.Iteration)
    public void disarm() {
        pool.disarm();
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(LINKS)
    public void chained_spawn() throws InterruptedException, ExecutionException {
        Countdown done = new Countdown(1);
        switch (pool.kind) {
            case WEFT -> {
                pool.weft.spawn(new WeftLink(LINKS, done));
                pool.blockOn(done);
            }
            case FJP -> {
                pool.fjp.execute(new FjpLink(LINKS, done));
                done.await();
            }
            case TPE -> {
                pool.tpe.execute(new TpeLink(pool.tpe, LINKS, done));
                done.await();
            }
            case VTHREADS -> {
                Thread.startVirtualThread(new VthreadLink(LINKS, done));
                done.await();
            }
            case CF -> {
                CompletableFuture<Void> head = new CompletableFuture<>();
                CompletableFuture<Void> last = head;
                for (int i = 0; i < LINKS; i++) {
                    last = last.thenRunAsync(NOOP, pool.fjp);
                }
                head.complete(null);
                last.get();
            }
        }
    }

    private static final class WeftLink implements Future<Void> {
        private final int left;
        private final Countdown done;

        WeftLink(int left, Countdown done) {
            this.left = left;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (left == 1) {
                done.countDown();
            } else {
                Task.spawn(new WeftLink(left - 1, done));
            }
            return Poll.ready(null);
        }
    }

    private static final class FjpLink extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int left;
        private final transient Countdown done;

        FjpLink(int left, Countdown done) {
            this.left = left;
            this.done = done;
        }

        @Override
        protected void compute() {
            if (left == 1) {
                done.countDown();
            } else {
                new FjpLink(left - 1, done).fork();
            }
        }
    }

    private record TpeLink(ExecutorService tpe, int left, Countdown done) implements Runnable {
        @Override
        public void run() {
            if (left == 1) {
                done.countDown();
            } else {
                tpe.execute(new TpeLink(tpe, left - 1, done));
            }
        }
    }

    private record VthreadLink(int left, Countdown done) implements Runnable {
        @Override
        public void run() {
            if (left == 1) {
                done.countDown();
            } else {
                Thread.startVirtualThread(new VthreadLink(left - 1, done));
            }
        }
    }
}
