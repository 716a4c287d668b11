package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinTask;
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
 * {@code yield_many}: the benchmark thread spawns {@value #TASKS} tasks, each yields
 * {@value #YIELDS} times and then counts down a {@link Countdown} the benchmark thread awaits.
 * Tokio's {@code yield_many}, same sizes. Score: nanoseconds per yield.
 *
 * <ul>
 *   <li>weft: a state machine that yields {@value #YIELDS} times with
 *       {@link Task#yieldPending(Context)}, the allocation-free yield for hand-written futures (what
 *       Rust's compiler-generated {@code yield_now().await} amounts to); the state "yielded, resume
 *       at step n" is the {@code left} counter;</li>
 *   <li>fjp: a {@code ForkJoinTask} that re-forks itself to the back of its worker's FIFO queue
 *       ({@code exec()} returns {@code false} until the last step, so nothing is allocated);</li>
 *   <li>tpe: a {@code Runnable} that re-submits itself;</li>
 *   <li>vthreads: {@code Thread.yield()} in a loop.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class YieldBenchmark {

    /** Tasks per operation. */
    static final int TASKS = 200;

    /** Yields per task. */
    static final int YIELDS = 1_000;

    @Param({"weft", "fjp", "tpe", "vthreads"})
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
    @OperationsPerInvocation(TASKS * YIELDS)
    public void yield_many() throws InterruptedException {
        Countdown done = new Countdown(TASKS);
        switch (pool.kind) {
            case WEFT -> {
                for (int i = 0; i < TASKS; i++) {
                    pool.weft.spawn(new WeftYielder(done));
                }
                pool.blockOn(done);
            }
            case FJP -> {
                for (int i = 0; i < TASKS; i++) {
                    pool.fjp.execute(new FjpYielder(done));
                }
                done.await();
            }
            case TPE -> {
                for (int i = 0; i < TASKS; i++) {
                    pool.tpe.execute(new TpeYielder(pool.tpe, done));
                }
                done.await();
            }
            case VTHREADS -> {
                Runnable yielder = () -> {
                    for (int y = 0; y < YIELDS; y++) {
                        Thread.yield();
                    }
                    done.countDown();
                };
                for (int i = 0; i < TASKS; i++) {
                    Thread.startVirtualThread(yielder);
                }
                done.await();
            }
            case CF -> throw new UnsupportedOperationException("no cf variant of yield_many");
        }
    }

    private static final class WeftYielder implements Future<Void> {
        private final Countdown done;
        private int left = YIELDS;

        WeftYielder(Countdown done) {
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (left == 0) {
                done.countDown();
                return Poll.ready(null);
            }
            left--;
            return Task.yieldPending(cx); // resume here, one step further, on the next poll
        }
    }

    private static final class FjpYielder extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient Countdown done;
        private int left = YIELDS; // one thread at a time runs exec(); fork() publishes the write

        FjpYielder(Countdown done) {
            this.done = done;
        }

        @Override
        protected boolean exec() {
            if (left == 0) {
                done.countDown();
                return true;
            }
            left--;
            fork(); // the yield; nothing touches `this` after it
            return false;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) { }
    }

    private static final class TpeYielder implements Runnable {
        private final ExecutorService tpe;
        private final Countdown done;
        private int left = YIELDS; // one thread at a time runs run(); execute() publishes the write

        TpeYielder(ExecutorService tpe, Countdown done) {
            this.tpe = tpe;
            this.done = done;
        }

        @Override
        public void run() {
            if (left == 0) {
                done.countDown();
                return;
            }
            left--;
            tpe.execute(this);
        }
    }
}
