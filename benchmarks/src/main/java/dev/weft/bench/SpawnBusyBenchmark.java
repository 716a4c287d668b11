package dev.weft.bench;

import java.util.concurrent.ExecutionException;
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
 * {@code spawn_many_remote_busy}: {@code spawn_many_remote_idle} (see {@link RemoteSpawns}) while
 * {@value BusyLoad#TASKS} background tasks keep the workers busy ({@link BusyLoad}), started before
 * the first warm-up iteration and stopped after the last measurement. Score: nanoseconds per
 * spawned task. The fjp and vthreads variants starve on JDK 25 and fail after the iteration time
 * + 10 s (see {@link BusyLoad}); the watchdog's message says how many tasks had run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SpawnBusyBenchmark {

    /** Tasks per operation (Tokio's NUM_SPAWN). */
    static final int TASKS = 10_000;

    /**
     * Watchdog grace: an operation takes milliseconds, and the fjp and vthreads variants starve
     * (see {@link BusyLoad}), so give up on them after 10 s rather than the usual minute.
     */
    private static final int GRACE_SECONDS = 10;

    @Param({"weft", "fjp", "tpe", "vthreads"})
    public String executor;

    private Pool pool;
    private RemoteSpawns remote;
    private BusyLoad load;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        pool = Pool.open(executor, params, GRACE_SECONDS);
        remote = new RemoteSpawns(pool, TASKS);
        pool.watchdog.describeWith(remote::progress);
        load = new BusyLoad(pool);
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
        try {
            load.close();
        } finally {
            pool.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void spawn_many_remote_busy() throws InterruptedException, ExecutionException {
        remote.run();
    }
}
