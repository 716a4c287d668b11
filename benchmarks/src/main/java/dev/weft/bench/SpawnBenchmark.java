package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
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
 * Spawning many short tasks, from inside the pool ({@code spawn_many_local}) and from an outside
 * thread with every handle awaited ({@code spawn_many_remote_idle}). Tokio's
 * {@code benches/rt_multi_threaded.rs}, same sizes. Score: nanoseconds per spawned task.
 *
 * <p>{@code spawn_many_local}: a task spawns {@value #TASKS} tasks, each decrements a shared
 * {@link Countdown}, the last one signals. Who sees the signal:
 * <ul>
 *   <li>weft: the spawner task awaits the countdown, then completes; the benchmark thread is in
 *       {@code blockOn(spawner's JoinHandle)};</li>
 *   <li>vthreads: the spawner virtual thread parks on the countdown; the benchmark thread joins it;</li>
 *   <li>fjp, tpe: a pool thread cannot wait without taking a worker away from the children, so the
 *       spawner forks / submits and returns, and the benchmark thread parks on the countdown.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SpawnBenchmark {

    /** Tasks per operation (Tokio's NUM_SPAWN). */
    static final int TASKS = 10_000;

    @Param({"weft", "fjp", "tpe", "vthreads"})
    public String executor;

    private Pool pool;
    private RemoteSpawns remote;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        pool = Pool.open(executor, params);
        remote = new RemoteSpawns(pool, TASKS);
        pool.watchdog.describeWith(remote::progress);
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
    @OperationsPerInvocation(TASKS)
    public void spawn_many_local() throws InterruptedException {
        Countdown done = new Countdown(TASKS);
        switch (pool.kind) {
            case WEFT -> pool.blockOn(pool.weft.spawn(new WeftSpawner(done)));
            case FJP -> {
                pool.fjp.execute(new FjpSpawner(done));
                done.await();
            }
            case TPE -> {
                ExecutorService tpe = pool.tpe;
                Runnable child = done::countDown;
                tpe.execute(() -> {
                    for (int i = 0; i < TASKS; i++) {
                        tpe.execute(child);
                    }
                });
                done.await();
            }
            case VTHREADS -> Thread.startVirtualThread(() -> {
                Runnable child = done::countDown;
                for (int i = 0; i < TASKS; i++) {
                    Thread.startVirtualThread(child);
                }
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).join();
            case CF -> throw new UnsupportedOperationException("no cf variant of spawn_many_local");
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void spawn_many_remote_idle() throws InterruptedException, ExecutionException {
        remote.run();
    }

    /** Spawns the children onto its own worker (the LIFO slot, then its local queue), then awaits. */
    private static final class WeftSpawner implements Future<Void> {
        private final Countdown done;
        private boolean spawned;

        WeftSpawner(Countdown done) {
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!spawned) {
                spawned = true;
                Handle handle = Handle.current();
                Future<Void> child = c -> {
                    done.countDown();
                    return Poll.ready(null);
                };
                for (int i = 0; i < TASKS; i++) {
                    handle.spawn(child);
                }
            }
            return done.poll(cx);
        }
    }

    /** Forks the children onto its own worker's queue and returns. */
    private static final class FjpSpawner extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Countdown done;

        FjpSpawner(Countdown done) {
            this.done = done;
        }

        @Override
        protected void compute() {
            for (int i = 0; i < TASKS; i++) {
                new FjpChild(done).fork();
            }
        }
    }

    private static final class FjpChild extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Countdown done;

        FjpChild(Countdown done) {
            this.done = done;
        }

        @Override
        protected void compute() {
            done.countDown();
        }
    }
}
