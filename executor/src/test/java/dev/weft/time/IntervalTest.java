package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.TimeInternals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Missed-tick behaviours at exact virtual instants. Period 10 ms, first tick at t0; the task takes
 * the first tick, then the clock is moved to 35 ms with {@link TimeControl#advance} while a
 * blocking call holds auto-advance back: ticks 10, 20 and 30 were missed. Each tick is recorded as
 * (its scheduled instant, the instant it was delivered), in ms since t0.
 */
class IntervalTest {

    private static final Duration PERIOD = Duration.ofMillis(10);

    private static List<long[]> run(MissedTickBehavior behavior, int ticks) throws InterruptedException {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            TimeControl tc = rt.timeControl();
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<Object> busy = rt.spawnBlocking(() -> {
                release.await();
                return null;
            });
            Instant t0 = tc.now();
            Interval interval = Time.intervalAt(t0, PERIOD);
            interval.setMissedTickBehavior(behavior);
            assertThat(interval.missedTickBehavior()).isEqualTo(behavior);
            CountDownLatch firstTaken = new CountDownLatch(1);
            JoinHandle<List<long[]>> h = rt.spawn(new Future<>() {
                final List<long[]> seen = new ArrayList<>();

                @Override
                public Poll<List<long[]>> poll(Context cx) {
                    while (interval.pollTick(cx) instanceof Poll.Ready<Instant> tick) {
                        seen.add(new long[] {tick.value().durationSince(t0).toMillis(), Instant.now().durationSince(t0).toMillis()});
                        if (seen.size() == ticks) {
                            interval.close();
                            return Poll.ready(seen);
                        }
                    }
                    firstTaken.countDown(); // pending on the second tick
                    return Poll.pending();
                }
            });
            try {
                assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
                tc.advance(Duration.ofMillis(35));
            } finally {
                release.countDown();
            }
            rt.blockOn(busy);
            List<long[]> seen = rt.blockOn(h);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
            return seen;
        }
    }

    @Test
    void burstDeliversTheMissedTicksAtOnceThenKeepsTheSchedule() throws InterruptedException {
        assertThat(run(MissedTickBehavior.BURST, 6)).containsExactly(
                new long[] {0, 0}, new long[] {10, 35}, new long[] {20, 35}, new long[] {30, 35},
                new long[] {40, 40}, new long[] {50, 50});
    }

    @Test
    void delayRestartsTheScheduleFromTheLateTick() throws InterruptedException {
        assertThat(run(MissedTickBehavior.DELAY, 4)).containsExactly(
                new long[] {0, 0}, new long[] {10, 35}, new long[] {45, 45}, new long[] {55, 55});
    }

    @Test
    void skipJumpsToTheNextTickOfTheOriginalSchedule() throws InterruptedException {
        assertThat(run(MissedTickBehavior.SKIP, 4)).containsExactly(
                new long[] {0, 0}, new long[] {10, 35}, new long[] {40, 40}, new long[] {50, 50});
    }

    @ParameterizedTest
    @EnumSource(MissedTickBehavior.class)
    void withoutMissedTicksEveryBehaviourTicksOnThePeriod(MissedTickBehavior behavior) {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            List<Long> at = rt.blockOn(rt.spawn(new Future<List<Long>>() {
                Interval every;
                final List<Long> seen = new ArrayList<>();

                @Override
                public Poll<List<Long>> poll(Context cx) {
                    if (every == null) {
                        every = Time.interval(Duration.ofSeconds(7));
                        every.setMissedTickBehavior(behavior);
                    }
                    while (every.pollTick(cx) instanceof Poll.Ready<Instant> t) {
                        assertThat(t.value()).as("delivered at its scheduled instant").isEqualTo(Instant.now());
                        seen.add(t.value().durationSince(t0).toSeconds());
                        if (seen.size() == 5) {
                            every.close();
                            return Poll.ready(seen);
                        }
                    }
                    return Poll.pending();
                }
            }));
            assertThat(at).containsExactly(0L, 7L, 14L, 21L, 28L);
        }
    }

    @Test
    void resetRestartsOnePeriodFromNow() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            List<Long> at = rt.blockOn(rt.spawn(new Future<List<Long>>() {
                final Interval every = Time.interval(Duration.ofSeconds(10));
                final Sleep nudge = Time.sleep(Duration.ofSeconds(3));
                final List<Long> seen = new ArrayList<>();
                boolean reset;

                @Override
                public Poll<List<Long>> poll(Context cx) {
                    if (!reset && nudge.poll(cx).isReady()) {
                        reset = true;
                        every.reset(); // at 3 s: next tick at 13 s
                    }
                    while (every.pollTick(cx) instanceof Poll.Ready<Instant> t) {
                        seen.add(Instant.now().durationSince(t0).toSeconds());
                        if (seen.size() == 3) {
                            every.close();
                            return Poll.ready(seen);
                        }
                    }
                    return Poll.pending();
                }
            }));
            assertThat(at).containsExactly(0L, 13L, 23L);
        }
    }

    @Test
    void periodMustBePositive() {
        assertThatThrownBy(() -> Time.interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Time.interval(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Time.interval(null)).isInstanceOf(NullPointerException.class);
        assertThat(Time.interval(Duration.ofMillis(5)).period()).isEqualTo(Duration.ofMillis(5));
        assertThat(Time.interval(Duration.ofMillis(5)).missedTickBehavior()).isEqualTo(MissedTickBehavior.BURST);
    }
}
