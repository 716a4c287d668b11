package dev.weft.bench.time;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.time.Instant;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@code timer_fire}: 10,000 timers of 1..50 ms (uniform, in nanoseconds, shuffled) are started
 * from the benchmark thread and all awaited. Score: time per timer (the operation lasts at least
 * 50 ms, so it is dominated by the longest sleep plus whatever the implementation adds). Beside it,
 * the <b>lateness</b> of every timer, {@code (time its code ran) − (deadline)}, goes into an
 * HdrHistogram over all measurement iterations; p50/p90/p99/p99.9/max are printed at the end of the
 * trial and appended to the stats file ({@link TimerStats}).
 *
 * <p>Each timer's deadline is fixed when the benchmark thread starts it: {@code t = nanoTime()},
 * {@code deadline = t + delay}, so a late start counts as lateness for every implementation alike.
 * <ul>
 *   <li>{@code weft}: {@code rt.spawn(task)} per timer from the benchmark thread (remote spawn onto a
 *       2-worker runtime); the task awaits {@code Time.sleepUntil(deadline)} and, when its poll sees
 *       the sleep ready, records the lateness.</li>
 *   <li>{@code stpe}: {@code schedule(runnable, delay)} on a {@code ScheduledThreadPoolExecutor} of
 *       the same thread count.</li>
 *   <li>{@code hwt_1ms}: Netty {@code HashedWheelTimer}, tick 1 ms (the 100 ms default would measure
 *       its tick), {@code newTimeout(task, delay)}; the task runs on Netty's timer thread.</li>
 *   <li>{@code vthreads}: {@code Thread.startVirtualThread} per timer; it sleeps until the deadline
 *       ({@code Thread.sleep(deadline − now)}).</li>
 * </ul>
 * Every timer writes its lateness to its own slot of a {@code long[]} and counts down a shared
 * {@link Latch} that the benchmark thread awaits; the histogram is filled on the benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimerFireBenchmark {

    static final int TIMERS = 10_000;
    static final long[] DELAYS = Delays.uniform(TIMERS, Delays.millis(1), Delays.millis(50), 0xF12EL);
    private static final long AWAIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Param({"weft", "stpe", "hwt_1ms", "vthreads"})
    public String impl;

    private Runtime rt;
    private ScheduledThreadPoolExecutor stpe;
    private HashedWheelTimer hwt;

    private final long[] lateness = new long[TIMERS];
    /** Lateness in nanoseconds, measurement iterations only; up to 10 s at 3 significant digits. */
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private boolean measuring;
    private long early; // timers that ran before their deadline (should stay 0)

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> rt = Runtime.builder().workerThreads(Baselines.THREADS).threadName("weft-bench").build();
            case "stpe" -> stpe = Baselines.stpe();
            case "hwt_1ms" -> hwt = Baselines.hashedWheelTimer(1);
            case "vthreads" -> { }
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Trial)
    public void close(org.openjdk.jmh.infra.BenchmarkParams params) throws InterruptedException {
        Baselines.stop(hwt);
        Baselines.shutdown(stpe);
        if (rt != null && !rt.shutdownTimeout(Duration.ofSeconds(10))) {
            System.err.println("[weft-bench] Weft runtime did not shut down within 10 s");
        }
        Histogram h = histogram;
        TimerStats.append("lateness", "timer_fire", impl, h.getTotalCount(),
                us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), h.getMean() / 1000.0, early);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void timer_fire() throws InterruptedException, TimeoutException {
        long[] delays = DELAYS;
        long[] lat = lateness;
        Latch done = new Latch(TIMERS);
        switch (impl) {
            case "weft" -> {
                Runtime r = rt;
                long baseNanos = System.nanoTime();
                // Outside a runtime Instant.now() is System.nanoTime(), which is also Weft's running
                // clock; read second, so Weft's deadline is never earlier than the recorded one.
                Instant base = Instant.now();
                for (int i = 0; i < TIMERS; i++) {
                    long skew = System.nanoTime() - baseNanos; // deadline = start of this timer + delay
                    long deadline = baseNanos + skew + delays[i];
                    r.spawn(new Fire(Time.sleepUntil(base.plus(Duration.ofNanos(skew + delays[i]))),
                            deadline, lat, i, done));
                }
            }
            case "stpe" -> {
                for (int i = 0; i < TIMERS; i++) {
                    long deadline = System.nanoTime() + delays[i];
                    int slot = i;
                    stpe.schedule(() -> {
                        lat[slot] = System.nanoTime() - deadline;
                        done.countDown();
                    }, delays[i], TimeUnit.NANOSECONDS);
                }
            }
            case "hwt_1ms" -> {
                for (int i = 0; i < TIMERS; i++) {
                    long deadline = System.nanoTime() + delays[i];
                    int slot = i;
                    hwt.newTimeout(t -> {
                        lat[slot] = System.nanoTime() - deadline;
                        done.countDown();
                    }, delays[i], TimeUnit.NANOSECONDS);
                }
            }
            case "vthreads" -> {
                for (int i = 0; i < TIMERS; i++) {
                    long deadline = System.nanoTime() + delays[i];
                    int slot = i;
                    Thread.startVirtualThread(() -> {
                        try {
                            long left = deadline - System.nanoTime();
                            if (left > 0) {
                                Thread.sleep(Duration.ofNanos(left));
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        lat[slot] = System.nanoTime() - deadline;
                        done.countDown();
                    });
                }
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await(AWAIT_LIMIT_NANOS);
        if (measuring) {
            Histogram h = histogram;
            for (int i = 0; i < TIMERS; i++) {
                long l = lat[i];
                if (l < 0) {
                    early++;
                    l = 0;
                }
                h.recordValue(Math.min(l, h.getHighestTrackableValue()));
            }
        }
    }

    /** One Weft task: awaits its sleep, records its lateness when its poll sees the sleep ready. */
    private static final class Fire implements Future<Void> {
        private final Sleep sleep;
        private final long deadline;
        private final long[] lateness;
        private final int slot;
        private final Latch done;

        Fire(Sleep sleep, long deadline, long[] lateness, int slot, Latch done) {
            this.sleep = sleep;
            this.deadline = deadline;
            this.lateness = lateness;
            this.slot = slot;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!sleep.poll(cx).isReady()) {
                return Poll.pending();
            }
            lateness[slot] = System.nanoTime() - deadline;
            done.countDown();
            return Poll.ready(null);
        }
    }
}
