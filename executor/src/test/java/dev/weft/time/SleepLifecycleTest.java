package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.TimeInternals;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code Sleep} from registration to release: reset earlier, later and after completion (at exact
 * virtual instants), cancellation that frees the entry at once, timers made outside the runtime or
 * polled on several workers, and what shutdown does to pending timers.
 */
class SleepLifecycleTest {

    static Stream<Runtime.Builder> pausedRuntimes() {
        return PausedTimeTest.runtimes();
    }

    // ------------------------------------------------------------------ cancel releases

    @Test
    void aClosedSleepIsUnlinkedAtOnceAndCollectable() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            WeakReference<Sleep> ref = registerThenClose(rt);
            assertThat(TimeInternals.pendingTimers(rt)).as("unlinked at close, not at its deadline").isZero();
            for (int i = 0; i < 50 && ref.get() != null; i++) {
                System.gc();
                byte[][] pressure = new byte[64][];
                for (int k = 0; k < pressure.length; k++) {
                    pressure[k] = new byte[16 * 1024];
                }
            }
            assertThat(ref.get()).as("the runtime holds no reference to a closed sleep").isNull();
        }
    }

    /** In its own frame, so no local variable of the test keeps the sleep alive. */
    private static WeakReference<Sleep> registerThenClose(Runtime rt) {
        Sleep s = Time.sleep(Duration.ofDays(30));
        rt.blockOn(cx -> {
            assertThat(s.poll(cx).isReady()).isFalse();
            return Poll.ready(null);
        });
        assertThat(TimeInternals.pendingTimers(rt)).as("registered by its first poll").isEqualTo(1);
        s.close();
        return new WeakReference<>(s);
    }

    @Test
    void closeIsIdempotentAndAClosedSleepRefusesPolls() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Sleep s = Time.sleep(Duration.ofSeconds(5));
            s.close();
            s.close();
            assertThat(s.toString()).contains("closed");
            assertThatThrownBy(() -> rt.blockOn(s)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after close");
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void aSleepAlreadyDueNeverRegisters() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            int pending = rt.blockOn(rt.spawn(cx -> {
                Sleep past = Time.sleepUntil(t0.minus(Duration.ofSeconds(1)));
                Sleep now = Time.sleepUntil(t0);
                assertThat(past.poll(cx).isReady()).isTrue();
                assertThat(now.poll(cx).isReady()).isTrue();
                assertThat(past.isElapsed()).isTrue();
                return Poll.ready(TimeInternals.pendingTimers(rt));
            }));
            assertThat(pending).isZero();
        }
    }

    // ------------------------------------------------------------------ reset

    /** Creates a sleep of {@code first}, polls it once, resets it to t0 + {@code second}, then awaits it. */
    private static Future<Instant> sleepThenReset(Instant t0, Duration first, Duration second) {
        return new Future<>() {
            Sleep s;

            @Override
            public Poll<Instant> poll(Context cx) {
                if (s == null) {
                    s = Time.sleepUntil(t0.plus(first));
                    assertThat(s.poll(cx).isReady()).isFalse();
                    s.reset(t0.plus(second));
                }
                return s.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending();
            }
        };
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void resetEarlierCompletesAtTheNewDeadline(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Instant woke = rt.blockOn(rt.spawn(sleepThenReset(t0, Duration.ofHours(2), Duration.ofSeconds(3))));
            assertThat(woke.durationSince(t0)).isEqualTo(Duration.ofSeconds(3));
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void resetLaterCompletesAtTheNewDeadlineNotTheOld(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Instant woke = rt.blockOn(rt.spawn(sleepThenReset(t0, Duration.ofSeconds(2), Duration.ofMillis(7_250))));
            assertThat(woke.durationSince(t0)).isEqualTo(Duration.ofMillis(7_250));
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void resetToASubMillisecondDeadlineRoundsUpNeverDown() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            Instant woke = rt.blockOn(rt.spawn(sleepThenReset(t0, Duration.ofSeconds(1), Duration.ofNanos(1_500_001))));
            assertThat(woke.durationSince(t0)).as("not before the deadline").isGreaterThanOrEqualTo(Duration.ofNanos(1_500_001));
            assertThat(woke.durationSince(t0)).as("at the next tick").isLessThanOrEqualTo(Duration.ofMillis(2));
        }
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void resetAfterCompletionWaitsAgain(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            List<Instant> wakes = rt.blockOn(rt.spawn(new Future<List<Instant>>() {
                final Sleep s = Time.sleep(Duration.ofSeconds(1));
                final List<Instant> at = new ArrayList<>();

                @Override
                public Poll<List<Instant>> poll(Context cx) {
                    while (s.poll(cx).isReady()) {
                        at.add(Instant.now());
                        if (at.size() == 3) {
                            return Poll.ready(at);
                        }
                        s.resetAfter(Duration.ofSeconds(at.size() * 10L)); // +10 s, then +20 s
                    }
                    return Poll.pending();
                }
            }));
            assertThat(wakes).extracting(i -> i.durationSince(t0))
                    .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(11), Duration.ofSeconds(31));
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void resetBeforeTheFirstPollNeedsNoRuntime() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            Sleep s = Time.sleep(Duration.ofDays(1)); // outside: unbound
            s.reset(t0.plus(Duration.ofSeconds(4))); // an instant of the runtime's clock
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
            Instant woke = rt.blockOn(rt.spawn(cx -> s.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending()));
            assertThat(woke.durationSince(t0)).isEqualTo(Duration.ofSeconds(4));
        }
    }

    // ------------------------------------------------------------------ where timers come from

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void timersCreatedOnTheTestThreadMeasureFromTheirFirstPoll(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Sleep relative = Time.sleep(Duration.ofSeconds(90)); // no runtime here: measured from its first poll
            Sleep absolute = Time.sleepUntil(t0.plus(Duration.ofSeconds(40)));
            assertThat(relative.isElapsed()).isFalse();
            // the test thread spawning is not "busy": a running blocking call holds auto-advance back
            CountDownLatch gate = new CountDownLatch(1);
            JoinHandle<Object> holder = rt.spawnBlocking(() -> {
                gate.await();
                return null;
            });
            JoinHandle<Instant> a = rt.spawn(cx -> relative.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending());
            JoinHandle<Instant> c = rt.spawn(cx -> absolute.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending());
            gate.countDown();
            rt.blockOn(holder);
            assertThat(rt.blockOn(c).durationSince(t0)).isEqualTo(Duration.ofSeconds(40));
            // the clock stood still until the runtime went idle, so the first poll was at t0
            assertThat(rt.blockOn(a).durationSince(t0)).isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Test
    void aSleepSpawnedDirectlyAsATaskCompletes() {
        try (Runtime rt = Runtime.builder().workerThreads(2).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            rt.blockOn(rt.spawn(Time.sleep(Duration.ofMinutes(5))));
            assertThat(rt.timeControl().now().durationSince(t0)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void realTimeSleepsPolledFromManyTasksOnSeveralWorkersAreNeverEarly() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<JoinHandle<Long>> hs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long nanos = Duration.ofMillis(1 + i % 5).toNanos() + i * 1_000L;
                hs.add(rt.spawn(new Future<Long>() {
                    Sleep s;
                    long start;

                    @Override
                    public Poll<Long> poll(Context cx) {
                        threads.add(Thread.currentThread().getName());
                        if (s == null) {
                            start = System.nanoTime();
                            s = Time.sleep(Duration.ofNanos(nanos));
                        }
                        return s.poll(cx).isReady() ? Poll.ready(System.nanoTime() - start - nanos) : Poll.pending();
                    }
                }));
            }
            for (JoinHandle<Long> h : hs) {
                assertThat(rt.blockOn(h)).as("lateness").isGreaterThanOrEqualTo(0L);
            }
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void pausedSleepsOnTwoWorkersFireAtTheirExactInstants() {
        try (Runtime rt = Runtime.builder().workerThreads(2).startPaused(true).build()) {
            // the test thread spawning is not "busy": a running blocking call holds auto-advance back
            CountDownLatch gate = new CountDownLatch(1);
            JoinHandle<Object> holder = rt.spawnBlocking(() -> {
                gate.await();
                return null;
            });
            Instant t0 = rt.timeControl().now();
            List<JoinHandle<Instant>> hs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                hs.add(rt.spawn(PausedTimeTest.sleepUntilThenNow(t0.plus(Duration.ofMillis(1 + (i * 7919L) % 5000)))));
            }
            gate.countDown();
            rt.blockOn(holder);
            for (int i = 0; i < hs.size(); i++) {
                assertThat(rt.blockOn(hs.get(i)).durationSince(t0)).isEqualTo(Duration.ofMillis(1 + (i * 7919L) % 5000));
            }
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** A task holding a pending sleep, counting the closes of its future. */
    static final class Holder implements Future<Void>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch registered;
        final Sleep sleep = Time.sleep(Duration.ofDays(365));

        Holder(CountDownLatch registered) {
            this.registered = registered;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Poll<Void> p = sleep.poll(cx);
            registered.countDown();
            return p;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            sleep.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.weft.time.SleepTest#runtimes")
    void shutdownWithPendingTimersClosesThemAndUnlinksEverything(Runtime.Builder b) throws InterruptedException {
        Runtime rt = b.build();
        dev.weft.internal.time.TimeDriver driver = TimeInternals.driver(rt);
        int n = 20;
        CountDownLatch registered = new CountDownLatch(n);
        List<Holder> holders = new ArrayList<>();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Holder h = new Holder(registered);
            holders.add(h);
            hs.add(rt.spawn(h));
        }
        hs.add(rt.spawn(Time.sleep(Duration.ofDays(2)))); // a bare Sleep as a task's future
        if (rt.toString().contains("CurrentThread")) {
            // tasks of a current-thread runtime run only inside blockOn: drive until all registered
            rt.blockOn(cx -> registered.getCount() == 0 ? Poll.ready(null) : Futures2.wakeSoon(cx));
        } else {
            assertThat(registered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        rt.close(); // returns: nothing waits for a year
        assertThat(holders).allSatisfy(h -> assertThat(h.closes).as("closed exactly once").hasValue(1));
        assertThat(driver.pendingTimers()).as("every timer unlinked").isZero();
        assertThat(driver.isShutdown()).isTrue();
        for (JoinHandle<Void> h : hs) {
            assertThat(h.isFinished()).isTrue();
        }
    }

    /** Tiny helper: re-poll soon (a self-wake). */
    static final class Futures2 {
        static <T> Poll<T> wakeSoon(Context cx) {
            cx.waker().wake();
            return Poll.pending();
        }
    }

    @Test
    void aSleepPolledAfterItsRuntimeShutDownFailsClearly() {
        Runtime rt = Runtime.builder().workerThreads(1).build();
        Sleep bound = rt.blockOn(cx -> Poll.ready(Time.sleep(Duration.ofHours(1)))); // bound, never polled
        rt.close();
        assertThatThrownBy(() -> rt.blockOn(Time.sleep(Duration.ofHours(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
        try (Runtime other = Runtime.builder().workerThreads(1).build()) {
            assertThatThrownBy(() -> other.blockOn(bound))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shut down");
        }
    }

    /**
     * A sleep registered by a task that then hands it out (as its value) outlives the task. After
     * the runtime shuts down it should fail like any other; instead its entry stays REGISTERED in
     * a dead wheel, so a poll returns Pending and nothing will ever wake it.
     */
    @Test
    void aRegisteredSleepPolledAfterItsRuntimeShutDownFailsClearly() {
        Runtime rt = Runtime.builder().workerThreads(1).build();
        Sleep escaped = rt.blockOn(rt.spawn(cx -> {
            Sleep s = Time.sleep(Duration.ofHours(1));
            assertThat(s.poll(cx).isReady()).isFalse();
            return Poll.ready(s);
        }));
        rt.close();
        try (Runtime other = Runtime.builder().workerThreads(1).build()) {
            assertThatThrownBy(() -> other.blockOn(cx -> Poll.ready(escaped.poll(cx))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shut down");
        }
    }

    @Test
    void spawningASleepAfterShutdownIsRejected() {
        Runtime rt = Runtime.builder().workerThreads(1).build();
        rt.close();
        assertThatThrownBy(() -> rt.spawn(Time.sleep(Duration.ofSeconds(1))))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void abortingASleepingTaskUnlinksItsTimer() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            CountDownLatch registered = new CountDownLatch(1);
            Holder h = new Holder(registered);
            JoinHandle<Void> jh = rt.spawn(h);
            assertThat(dev.weft.TimeInternals.pendingTimers(rt)).isBetween(0, 1);
            try {
                assertThat(registered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            jh.abort();
            assertThatThrownBy(() -> rt.blockOn(jh)).isInstanceOf(JoinError.class);
            assertThat(h.closes).hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    // ------------------------------------------------------------------ the wheel's span

    /**
     * A "forever" sleep (beyond the wheel's 2.2-year span) hides every other timer due 12 days to
     * 2 years out, once the runtime has run for at least a millisecond: see TimerWheelTest.
     */
    @Test
    void aForeverSleepDoesNotDelayA25DaySleep() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            rt.blockOn(rt.spawn(Time.sleep(Duration.ofMillis(1)))); // the wheel has now run for 1 ms
            CountDownLatch gate = new CountDownLatch(1); // no auto-advance between the two spawns
            JoinHandle<Object> holder = rt.spawnBlocking(() -> {
                gate.await();
                return null;
            });
            JoinHandle<Void> forever = rt.spawn(Time.sleep(Duration.ofDays(365L * 100)));
            JoinHandle<Instant> h = rt.spawn(PausedTimeTest.sleepThenNow(Duration.ofDays(25)));
            gate.countDown();
            rt.blockOn(holder);
            Instant woke = rt.blockOn(h);
            forever.abort();
            assertThat(woke.durationSince(t0)).isEqualTo(Duration.ofDays(25).plusMillis(1));
        }
    }

    @Test
    void aSleepBeyondTheWheelSpanFiresAtItsTrueDeadline() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            Duration fiveYears = Duration.ofDays(5 * 365);
            Instant woke = rt.blockOn(rt.spawn(PausedTimeTest.sleepThenNow(fiveYears)));
            assertThat(woke.durationSince(t0)).isEqualTo(fiveYears);
        }
    }
}
