package dev.weft.bench.time;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import dev.weft.bench.HeapReading;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code idle_timers_memory}: 1,000,000 pending timers (deadlines spread over 10..60 minutes, so none
 * fires), and the heap they retain. JMH's score is only the time to register them (single shot per
 * iteration, per timer); the figure that matters, <b>retained heap bytes per pending timer</b>, goes
 * to the stats file ({@link TimerStats}).
 *
 * <p>Method: before each iteration (untimed) the array that will hold the 1,000,000 handles is
 * allocated, then {@code System.gc()} is run until the used heap ({@code MemoryMXBean}) stops
 * shrinking, and that reading is the baseline. The operation registers the timers. After it
 * (untimed) the same settle-and-read is repeated; {@code (after − before) / 1,000,000} is the
 * retained size of one pending timer with everything the implementation keeps for it (the entry,
 * wheel or queue links, the callback or task object, the {@code Sleep}), but not the holding
 * array's reference slot. Then every timer is cancelled (or every virtual thread interrupted and
 * joined) and the next iteration starts from empty.
 *
 * <ul>
 *   <li>{@code weft}: one task on the runtime creates 1,000,000 {@code Time.sleep(d)} and polls each
 *       once (registration; every sleep stores the task's one waker), then completes; the sleeps
 *       stay registered, held by the benchmark's array.</li>
 *   <li>{@code stpe}: 1,000,000 {@code schedule(sharedRunnable, d)} (removeOnCancel).</li>
 *   <li>{@code hwt}: 1,000,000 {@code newTimeout(sharedTask, d)}, tick 100 ms; the reading waits
 *       until Netty's worker has moved them all from its queue into its buckets.</li>
 *   <li>{@code vthreads}: 1,000,000 virtual threads in {@code Thread.sleep(d)} (what a timer costs
 *       when it is a sleeping thread); the reading waits until every one is TIMED_WAITING.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class IdleTimersMemoryBenchmark {

    static final int TIMERS = 1_000_000;
    static final long[] DELAYS = Delays.uniform(TIMERS, Delays.millis(600_000), Delays.millis(3_600_000), 0x1D1EL);
    static final Duration[] DURATIONS = Delays.durations(DELAYS);

    private static final TimerTask NETTY_NOOP = t -> { };
    private static final Runnable STPE_NOOP = () -> { };

    @Param({"weft", "stpe", "hwt", "vthreads"})
    public String impl;

    private Runtime rt;
    private ScheduledThreadPoolExecutor stpe;
    private HashedWheelTimer hwt;

    private Object[] held;
    private long before;
    private boolean measuring;
    private double sum;
    private double min = Double.MAX_VALUE;
    private double max;
    private int samples;

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> rt = Runtime.builder().workerThreads(Baselines.THREADS).threadName("weft-bench").build();
            case "stpe" -> stpe = Baselines.stpe();
            case "hwt" -> hwt = Baselines.hashedWheelTimer(100);
            case "vthreads" -> { }
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    @Setup(Level.Iteration)
    public void before(IterationParams params) throws InterruptedException {
        measuring = params.getType() == IterationType.MEASUREMENT;
        held = switch (impl) {
            case "weft" -> new Sleep[TIMERS];
            case "stpe" -> new ScheduledFuture<?>[TIMERS];
            case "hwt" -> new Timeout[TIMERS];
            default -> new Thread[TIMERS];
        };
        before = HeapReading.settledUsedHeap();
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void idle_timers_memory() {
        long[] delays = DELAYS;
        Object[] h = held;
        switch (impl) {
            case "weft" -> rt.blockOn(rt.spawn(new Register((Sleep[]) h)));
            case "stpe" -> {
                for (int i = 0; i < TIMERS; i++) {
                    h[i] = stpe.schedule(STPE_NOOP, delays[i], TimeUnit.NANOSECONDS);
                }
            }
            case "hwt" -> {
                for (int i = 0; i < TIMERS; i++) {
                    h[i] = hwt.newTimeout(NETTY_NOOP, delays[i], TimeUnit.NANOSECONDS);
                }
            }
            case "vthreads" -> {
                for (int i = 0; i < TIMERS; i++) {
                    long ms = delays[i] / 1_000_000;
                    h[i] = Thread.startVirtualThread(() -> {
                        try {
                            Thread.sleep(ms);
                        } catch (InterruptedException e) {
                            // cancelled by the tear-down
                        }
                    });
                }
            }
            default -> throw new IllegalStateException(impl);
        }
    }

    @TearDown(Level.Iteration)
    public void after() throws InterruptedException, TimeoutException {
        Object[] h = held;
        if (impl.equals("vthreads")) {
            for (Object o : h) { // every thread must be asleep, not still starting
                Thread t = (Thread) o;
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (t.getState() != Thread.State.TIMED_WAITING) {
                    if (System.nanoTime() - giveUp > 0) {
                        throw new TimeoutException(t + " is " + t.getState() + ", not sleeping, after 60 s");
                    }
                    Thread.sleep(1);
                }
            }
        } else if (impl.equals("hwt")) {
            // Netty's worker moves at most 100,000 queued timeouts into its buckets per 100 ms tick.
            Thread.sleep(Math.max(1_500, TIMERS / 100_000 * 100 + 500));
        }
        long after = HeapReading.settledUsedHeap();
        double perTimer = (double) (after - before) / TIMERS;
        System.out.printf("[idle_timers_memory] %s: %,d bytes retained by %,d pending timers = %.1f B each%n",
                impl, after - before, TIMERS, perTimer);
        if (measuring) {
            sum += perTimer;
            min = Math.min(min, perTimer);
            max = Math.max(max, perTimer);
            samples++;
        }
        switch (impl) {
            case "weft" -> {
                for (Object o : h) {
                    ((Sleep) o).close();
                }
            }
            case "stpe" -> {
                for (Object o : h) {
                    ((ScheduledFuture<?>) o).cancel(false);
                }
            }
            case "hwt" -> {
                for (Object o : h) {
                    ((Timeout) o).cancel();
                }
            }
            default -> {
                for (Object o : h) {
                    ((Thread) o).interrupt();
                }
                for (Object o : h) {
                    ((Thread) o).join();
                }
            }
        }
        held = null;
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        Baselines.stop(hwt);
        Baselines.shutdown(stpe);
        if (rt != null && !rt.shutdownTimeout(Duration.ofSeconds(10))) {
            System.err.println("[weft-bench] Weft runtime did not shut down within 10 s");
        }
        TimerStats.append("memory", "idle_timers_memory", impl, samples, samples == 0 ? Double.NaN : sum / samples,
                min, max, TIMERS);
    }

    /** Creates and registers every sleep in one poll, then completes; the sleeps stay pending. */
    private static final class Register implements Future<Void> {
        private final Sleep[] sleeps;

        Register(Sleep[] sleeps) {
            this.sleeps = sleeps;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Duration[] ds = DURATIONS;
            for (int i = 0; i < TIMERS; i++) {
                Sleep s = Time.sleep(ds[i]);
                if (s.poll(cx).isReady()) {
                    throw new IllegalStateException("a sleep of " + ds[i] + " completed on its first poll");
                }
                sleeps[i] = s;
            }
            return Poll.ready(null);
        }
    }
}
