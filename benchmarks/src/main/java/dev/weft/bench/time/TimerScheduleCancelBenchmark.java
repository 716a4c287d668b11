package dev.weft.bench.time;

import dev.weft.Waker;
import dev.weft.internal.time.Clock;
import dev.weft.internal.time.TimeDriver;
import dev.weft.internal.time.TimerHandle;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agrona.DeadlineTimerWheel;
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
 * {@code timer_schedule_cancel} at the data-structure level: 10,000 timers at spread deadlines
 * (uniform over 1 ms..10 s, shuffled) are scheduled, then all cancelled, from the benchmark thread.
 * Score: nanoseconds per timer (schedule + cancel).
 *
 * <ul>
 *   <li>{@code weft}: Weft's internal {@code TimeDriver} (the wheel behind its lock, exactly what a
 *       {@code Sleep} uses) with a fresh {@code TimerHandle} per timer, as every {@code Sleep} has its
 *       own: {@code arm(driver, tick, waker)} then {@code disarm(driver)}. The deadline tick is
 *       computed from a clock read per timer, as {@code Time.sleep} does. Once per operation the
 *       driver is processed (advancing the wheel to now; nothing is due).</li>
 *   <li>{@code agrona}: {@code DeadlineTimerWheel} (single-threaded, allocation-free, no lock),
 *       resolution 2^20 ns (≈ 1.05 ms, the power of two nearest Weft's 1 ms), 4096 spokes;
 *       {@code scheduleTimer(now + delay)} then {@code cancelTimer(id)}; one {@code poll} per
 *       operation.</li>
 *   <li>{@code hwt} / {@code hwt_1ms}: Netty {@code HashedWheelTimer} (tick 100 ms, Netty's default;
 *       and 1 ms, Weft's resolution): {@code newTimeout(task, delay)} then {@code cancel()}. Netty
 *       queues both to its worker thread, which files and unlinks them on its next tick: that work is
 *       on another thread and <em>not</em> in the score (this favours Netty). So that the deferred
 *       work cannot pile up without bound (Netty moves at most 100,000 new timeouts per tick, which
 *       at 100 ms is 1 M/s), an untimed {@code @Setup(Level.Invocation)} waits until the timer's
 *       {@code pendingTimeouts()} is 0 before each operation.</li>
 *   <li>{@code clock_only}: the floor, in the same run: one {@code System.nanoTime()} per timer (the
 *       read every implementation above makes to turn a delay into a deadline) and nothing else.</li>
 *   <li>{@code stpe}: {@code ScheduledThreadPoolExecutor} with {@code setRemoveOnCancelPolicy(true)},
 *       {@code schedule(runnable, delay)} then {@code cancel(false)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimerScheduleCancelBenchmark {

    /** Timers per operation. */
    static final int TIMERS = 10_000;

    static final long[] DELAYS = Delays.uniform(TIMERS, Delays.millis(1), Delays.millis(10_000), 0x7131E4L);

    private static final Waker NOOP = Waker.noop();
    private static final TimerTask NETTY_NOOP = t -> { };
    private static final Runnable STPE_NOOP = () -> { };
    private static final DeadlineTimerWheel.TimerHandler AGRONA_NOOP = (unit, now, id) -> true;

    @Param({"weft", "agrona", "hwt", "hwt_1ms", "stpe", "clock_only"})
    public String impl;

    private TimeDriver driver;
    private TimerHandle[] handles;
    private DeadlineTimerWheel agrona;
    private long[] ids;
    private HashedWheelTimer hwt;
    private Timeout[] timeouts;
    private ScheduledThreadPoolExecutor stpe;
    private ScheduledFuture<?>[] futures;

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> {
                driver = new TimeDriver(new Clock(false));
                handles = new TimerHandle[TIMERS];
            }
            case "agrona" -> {
                agrona = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, System.nanoTime(), 1L << 20, 4096);
                ids = new long[TIMERS];
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
            case "clock_only" -> ids = new long[TIMERS];
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    /** Netty only: lets its worker catch up with the previous operation's queued timeouts (untimed). */
    @Setup(Level.Invocation)
    public void settle() {
        Baselines.awaitDrained(hwt);
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        Baselines.stop(hwt);
        Baselines.shutdown(stpe);
        if (driver != null && driver.pendingTimers() != 0) {
            throw new IllegalStateException("Weft's wheel still holds " + driver.pendingTimers() + " timers");
        }
        if (agrona != null && agrona.timerCount() != 0) {
            throw new IllegalStateException("Agrona's wheel still holds " + agrona.timerCount() + " timers");
        }
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void timer_schedule_cancel() {
        long[] delays = DELAYS;
        switch (impl) {
            case "weft" -> {
                TimeDriver d = driver;
                Clock clock = d.clock();
                TimerHandle[] hs = handles;
                for (int i = 0; i < TIMERS; i++) {
                    TimerHandle h = new TimerHandle();
                    h.arm(d, d.deadlineTick(clock.nanoTime() + delays[i]), NOOP);
                    hs[i] = h;
                }
                for (int i = 0; i < TIMERS; i++) {
                    hs[i].disarm(d);
                    hs[i] = null;
                }
                d.process();
            }
            case "agrona" -> {
                DeadlineTimerWheel w = agrona;
                long[] is = ids;
                for (int i = 0; i < TIMERS; i++) {
                    is[i] = w.scheduleTimer(System.nanoTime() + delays[i]);
                }
                for (int i = 0; i < TIMERS; i++) {
                    w.cancelTimer(is[i]);
                }
                w.poll(System.nanoTime(), AGRONA_NOOP, Integer.MAX_VALUE);
            }
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
            case "clock_only" -> {
                long[] is = ids;
                for (int i = 0; i < TIMERS; i++) {
                    is[i] = System.nanoTime() + delays[i];
                }
            }
            default -> throw new IllegalStateException(impl);
        }
    }
}
