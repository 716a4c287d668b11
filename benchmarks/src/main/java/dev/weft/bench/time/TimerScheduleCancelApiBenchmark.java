package dev.weft.bench.time;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

/**
 * {@code timer_schedule_cancel_api}: {@link TimerScheduleCancelBenchmark}'s workload (same 10,000
 * spread deadlines) through Weft's <em>public</em> API, end to end: one task spawned on a
 * multi-thread runtime creates 10,000 {@code Time.sleep(d)}, polls each once (the poll that has to
 * wait registers the timer in the wheel) and then {@code close()}s them all (cancel: unlinked at
 * once). The benchmark thread spawns that task and {@code blockOn}s its JoinHandle, so the score
 * includes one spawn, one cross-thread wake-up and one {@code blockOn} per 10,000 timers, and one
 * {@code Sleep} allocation (plus its timer entry) per timer. Score: nanoseconds per timer.
 *
 * <p>Baselines, identical to {@link TimerScheduleCancelBenchmark}'s and run again here so each
 * ratio comes from one invocation: {@code hwt} (100 ms tick), {@code hwt_1ms}, {@code stpe}
 * (removeOnCancel), called from the benchmark thread, which is their public API. Agrona's wheel has
 * no API beyond the structure: see {@code timer_schedule_cancel}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimerScheduleCancelApiBenchmark {

    static final int TIMERS = TimerScheduleCancelBenchmark.TIMERS;
    static final long[] DELAYS = TimerScheduleCancelBenchmark.DELAYS;
    static final Duration[] DURATIONS = Delays.durations(DELAYS);

    private static final TimerTask NETTY_NOOP = t -> { };
    private static final Runnable STPE_NOOP = () -> { };

    @Param({"weft", "hwt", "hwt_1ms", "stpe"})
    public String impl;

    private Runtime rt;
    private Sleep[] sleeps;
    private HashedWheelTimer hwt;
    private Timeout[] timeouts;
    private ScheduledThreadPoolExecutor stpe;
    private ScheduledFuture<?>[] futures;

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> {
                rt = Runtime.builder().workerThreads(Baselines.THREADS).threadName("weft-bench").build();
                sleeps = new Sleep[TIMERS];
            }
            case "hwt" -> {
                hwt = Baselines.hashedWheelTimer(100);
                timeouts = new Timeout[TIMERS];
            }
            case "hwt_1ms" -> {
                hwt = Baselines.hashedWheelTimer(1);
                timeouts = new Timeout[TIMERS];
            }
            case "stpe" -> {
                stpe = Baselines.stpe();
                futures = new ScheduledFuture<?>[TIMERS];
            }
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    /** Netty only: see {@link TimerScheduleCancelBenchmark#settle()}. */
    @Setup(Level.Invocation)
    public void settle() {
        Baselines.awaitDrained(hwt);
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        Baselines.stop(hwt);
        Baselines.shutdown(stpe);
        if (rt != null && !rt.shutdownTimeout(Duration.ofSeconds(10))) {
            System.err.println("[weft-bench] Weft runtime did not shut down within 10 s");
        }
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void timer_schedule_cancel_api() {
        long[] delays = DELAYS;
        switch (impl) {
            case "weft" -> rt.blockOn(rt.spawn(new ScheduleCancel(sleeps)));
            case "hwt", "hwt_1ms" -> {
                HashedWheelTimer t = hwt;
                Timeout[] ts = timeouts;
                for (int i = 0; i < TIMERS; i++) {
                    ts[i] = t.newTimeout(NETTY_NOOP, delays[i], TimeUnit.NANOSECONDS);
                }
                for (int i = 0; i < TIMERS; i++) {
                    ts[i].cancel();
                    ts[i] = null;
                }
            }
            case "stpe" -> {
                ScheduledThreadPoolExecutor e = stpe;
                ScheduledFuture<?>[] fs = futures;
                for (int i = 0; i < TIMERS; i++) {
                    fs[i] = e.schedule(STPE_NOOP, delays[i], TimeUnit.NANOSECONDS);
                }
                for (int i = 0; i < TIMERS; i++) {
                    fs[i].cancel(false);
                    fs[i] = null;
                }
            }
            default -> throw new IllegalStateException(impl);
        }
    }

    /** The task: creates and registers every sleep in its first poll, then closes them all. */
    private static final class ScheduleCancel implements Future<Void> {
        private final Sleep[] sleeps;

        ScheduleCancel(Sleep[] sleeps) {
            this.sleeps = sleeps;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Sleep[] ss = sleeps;
            Duration[] ds = DURATIONS;
            for (int i = 0; i < TIMERS; i++) {
                Sleep s = Time.sleep(ds[i]);
                if (s.poll(cx).isReady()) {
                    throw new IllegalStateException("a sleep of " + ds[i] + " completed on its first poll");
                }
                ss[i] = s;
            }
            for (int i = 0; i < TIMERS; i++) {
                ss[i].close();
                ss[i] = null;
            }
            return Poll.ready(null);
        }
    }
}
