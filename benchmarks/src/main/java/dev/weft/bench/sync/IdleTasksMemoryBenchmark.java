package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.sync.Notified;
import dev.weft.sync.Notify;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import dev.weft.bench.HeapReading;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.ObjectName;
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
 * {@code idle_tasks_memory}: {@value #TASKS} tasks that have all reached a wait, and the heap they
 * retain. JMH's score is only the time to start them and get every one into its wait (single shot
 * per iteration, per task); the figure that matters, <b>retained heap bytes per idle task</b>, is
 * printed after each iteration and, averaged over the measurement iterations, once per trial as a
 * line starting with {@code [idle-tasks-stats]} (the format of the timer benchmarks' stats lines:
 * {@code memory benchmark impl iterations bytes_mean bytes_min bytes_max tasks}).
 *
 * <p>Method (the one of {@code dev.weft.bench.time.IdleTimersMemoryBenchmark}): before each
 * iteration (untimed) everything shared is allocated (the array holding one handle per task, the
 * {@code Notify} or latch, the arrival and finish counters), then {@code System.gc()} runs until
 * the used heap stops shrinking, and that reading is the baseline. The operation starts the tasks
 * and waits until each has reported reaching its wait. After it (untimed) a virtual thread is also
 * required to be WAITING or TIMED_WAITING, the same settle-and-read is repeated, and
 * {@code (after − before) / TASKS} is what one idle task costs with everything the implementation
 * keeps for it: the task or thread, its code's state (a future, or a parked stack), and its entry
 * in whatever it waits on (the notify list or timer wheel, the latch's queue, the sleep timer).
 * The holding array's slot is not counted. Then every task is released and the iteration ends only
 * when all of them finished, so the next one starts from empty.
 *
 * <ul>
 *   <li>{@code weft_notify}: tasks spawned from the benchmark thread (through the inject queue),
 *       each awaiting {@code notified()} of one shared {@code Notify}; released by
 *       {@code notifyWaiters()}.</li>
 *   <li>{@code weft_sleep}: each awaits {@code Time.sleep(d)}, d spread over 10..60 minutes (so
 *       none fires); released by aborting every task.</li>
 *   <li>{@code vthreads}: virtual threads each blocked in {@code await()} of one shared
 *       {@code CountDownLatch}; released by {@code countDown()}.</li>
 *   <li>{@code vthreads_sleep}: virtual threads in {@code Thread.sleep(d)}, the same delays;
 *       released by interrupting them.</li>
 * </ul>
 *
 * <p>Each Weft task's future and each thread's body hold one reference to the shared state (and
 * the delay for the sleeps), so the user's own part is the same small object on both sides. Set
 * {@code -Dweft.bench.idleHistogram=true} to print the heap's top classes at the "after" reading
 * (a class histogram, which costs one more full GC), to see what an idle task is made of.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-D" + Done.LIMIT_PROPERTY + "=120"})
public class IdleTasksMemoryBenchmark {

    static final int TASKS = 1_000_000;

    /** Sleep delays in ms, 10..60 minutes, the same for Weft and virtual threads. */
    static final int[] DELAYS_MS = delays(TASKS, 600_000, 3_600_000, 0x1D1EL);

    private static final String HISTOGRAM_PROPERTY = "weft.bench.idleHistogram";
    private static final int HISTOGRAM_LINES = 15;

    @Param({"weft_notify", "weft_sleep", "vthreads", "vthreads_sleep"})
    public String impl;

    private Runtime rt;

    private Shared shared;
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
            case "weft_notify", "weft_sleep" -> rt = Bench.weft();
            case "vthreads", "vthreads_sleep" -> { }
            default -> throw Bench.unknown("impl", impl, "weft_notify, weft_sleep, vthreads or vthreads_sleep");
        }
    }

    @Setup(Level.Iteration)
    public void before(IterationParams params) throws InterruptedException {
        measuring = params.getType() == IterationType.MEASUREMENT;
        shared = new Shared();
        held = new Object[TASKS];
        before = HeapReading.settledUsedHeap();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void idle_tasks_memory() throws InterruptedException, TimeoutException {
        Shared s = shared;
        Object[] h = held;
        int[] delays = DELAYS_MS;
        switch (impl) {
            case "weft_notify" -> {
                for (int i = 0; i < TASKS; i++) {
                    h[i] = rt.spawn(new NotifyWaiter(s));
                }
            }
            case "weft_sleep" -> {
                for (int i = 0; i < TASKS; i++) {
                    h[i] = rt.spawn(new Sleeper(s, delays[i]));
                }
            }
            case "vthreads" -> {
                for (int i = 0; i < TASKS; i++) {
                    h[i] = Thread.startVirtualThread(s::awaitLatch);
                }
            }
            case "vthreads_sleep" -> {
                for (int i = 0; i < TASKS; i++) {
                    int ms = delays[i];
                    h[i] = Thread.startVirtualThread(() -> s.sleep(ms));
                }
            }
            default -> throw new IllegalStateException(impl);
        }
        s.arrived.await();
    }

    @TearDown(Level.Iteration)
    public void after() throws InterruptedException, TimeoutException {
        Shared s = shared;
        Object[] h = held;
        boolean threads = impl.startsWith("vthreads");
        if (threads) {
            // A thread counts its arrival just before blocking: wait until it really is parked.
            Thread.State blocked = impl.equals("vthreads") ? Thread.State.WAITING : Thread.State.TIMED_WAITING;
            for (Object o : h) {
                awaitState((Thread) o, blocked);
            }
        }
        long after = HeapReading.settledUsedHeap();
        double perTask = (double) (after - before) / TASKS;
        System.out.printf(Locale.ROOT, "[idle_tasks_memory] %s: %,d bytes retained by %,d idle tasks = %.1f B each%n",
                impl, after - before, TASKS, perTask);
        if (Boolean.getBoolean(HISTOGRAM_PROPERTY)) {
            printHistogram();
        }
        if (measuring) {
            sum += perTask;
            min = Math.min(min, perTask);
            max = Math.max(max, perTask);
            samples++;
        }
        switch (impl) {
            case "weft_notify" -> s.notify.notifyWaiters();
            case "weft_sleep" -> {
                for (Object o : h) {
                    ((JoinHandle<?>) o).abort();
                }
            }
            case "vthreads" -> s.latch.countDown();
            default -> {
                for (Object o : h) {
                    ((Thread) o).interrupt();
                }
            }
        }
        s.finished.await();
        if (threads) {
            for (Object o : h) {
                ((Thread) o).join();
            }
        }
        held = null;
        shared = null;
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, null);
        System.out.printf(Locale.ROOT, "[idle-tasks-stats] memory\tidle_tasks_memory\t%s\t%d\t%.3f\t%.3f\t%.3f\t%d%n",
                impl, samples, samples == 0 ? Double.NaN : sum / samples, min, max, TASKS);
    }

    /** What every task of one iteration shares: what it waits on and the two counters. */
    static final class Shared {
        final Notify notify = new Notify();
        final CountDownLatch latch = new CountDownLatch(1);
        /** Counted down once per task that reached its wait. */
        final Done arrived = new Done(TASKS);
        /** Counted down once per task that ended (woken, aborted or interrupted). */
        final Done finished = new Done(TASKS);

        void awaitLatch() {
            try {
                arrived.countDown();
                latch.await();
            } catch (InterruptedException e) {
                finished.fail("a virtual thread awaiting the latch was interrupted");
            } finally {
                finished.countDown();
            }
        }

        void sleep(int ms) {
            try {
                arrived.countDown();
                Thread.sleep(ms);
                finished.fail("a virtual thread's sleep of " + ms + " ms ended before it was interrupted");
            } catch (InterruptedException e) {
                // released by the tear-down
            } finally {
                finished.countDown();
            }
        }
    }

    /**
     * A task waiting once on the shared {@code Notify}. Its end is counted in {@link #close()},
     * which the runtime calls exactly once when the task completes or is cancelled.
     */
    static final class NotifyWaiter implements Future<Void>, AutoCloseable {
        private final Shared shared;
        private Notified notified;

        NotifyWaiter(Shared shared) {
            this.shared = shared;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (notified == null) {
                notified = shared.notify.notified();
                if (notified.poll(cx).isReady()) {
                    shared.arrived.fail("a Notified completed before notifyWaiters()");
                    return Poll.ready(null);
                }
                shared.arrived.countDown();
                return Poll.pending();
            }
            return notified.poll(cx);
        }

        @Override
        public void close() {
            if (notified != null) {
                notified.close();
            }
            shared.finished.countDown();
        }
    }

    /** A task in one long {@code Time.sleep}; ended by abort, counted in {@link #close()}. */
    static final class Sleeper implements Future<Void>, AutoCloseable {
        private final Shared shared;
        private final int delayMs;
        private Sleep sleep;

        Sleeper(Shared shared, int delayMs) {
            this.shared = shared;
            this.delayMs = delayMs;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (sleep == null) {
                sleep = Time.sleep(Duration.ofMillis(delayMs));
                if (sleep.poll(cx).isReady()) {
                    shared.arrived.fail("a sleep of " + delayMs + " ms completed on its first poll");
                    return Poll.ready(null);
                }
                shared.arrived.countDown();
                return Poll.pending();
            }
            if (sleep.poll(cx).isReady()) {
                shared.finished.fail("a sleep of " + delayMs + " ms fired before the task was aborted");
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        @Override
        public void close() {
            if (sleep != null) {
                sleep.close();
            }
            shared.finished.countDown();
        }
    }

    private static int[] delays(int n, int minMs, int maxMs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(minMs, maxMs + 1);
        }
        return out;
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException, TimeoutException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (t.getState() != state) {
            if (System.nanoTime() - giveUp > 0) {
                throw new TimeoutException(t + " is " + t.getState() + ", not " + state + ", after 60 s");
            }
            Thread.sleep(1);
        }
    }

    /** Prints the top of {@code jcmd GC.class_histogram} through the DiagnosticCommand MBean. */
    private static void printHistogram() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] lines = String.valueOf(out).split("\n");
            StringBuilder sb = new StringBuilder("[idle_tasks_memory] class histogram (top):\n");
            for (int i = 0; i < Math.min(lines.length, HISTOGRAM_LINES + 2); i++) {
                sb.append("    ").append(lines[i]).append('\n');
            }
            System.out.print(sb);
        } catch (Exception e) {
            System.out.println("[idle_tasks_memory] no class histogram: " + e);
        }
    }
}
