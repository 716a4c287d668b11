package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Flavor;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link TimeControl}: per-runtime clocks, pause/resume/advance rules, on every flavour. */
class TimeControlTest {

    @ParameterizedTest
    @MethodSource("dev.weft.time.PausedTimeTest#runtimes")
    void advanceMovesExactlyThatFarAndNowAgreesInsideTasks(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            TimeControl tc = rt.timeControl();
            assertThat(tc.isPaused()).isTrue();
            Instant t0 = tc.now();
            tc.advance(Duration.ofMinutes(3));
            tc.advance(Duration.ZERO);
            assertThat(tc.now().durationSince(t0)).isEqualTo(Duration.ofMinutes(3));
            Instant inside = rt.blockOn(rt.spawn(cx -> Poll.ready(Time.now())));
            assertThat(inside).as("Instant.now() in a task reads the same paused clock").isEqualTo(tc.now());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.weft.time.SleepTest#runtimes")
    void advanceOnARunningClockThrows(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            TimeControl tc = rt.timeControl();
            assertThat(tc.isPaused()).isFalse();
            assertThatThrownBy(() -> tc.advance(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("paused");
        }
    }

    @Test
    void advanceByANegativeDurationThrows() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            TimeControl tc = rt.timeControl();
            Instant t0 = tc.now();
            assertThatThrownBy(() -> tc.advance(Duration.ofNanos(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("backwards");
            assertThatThrownBy(() -> tc.advance(null)).isInstanceOf(NullPointerException.class);
            assertThat(tc.now()).isEqualTo(t0);
        }
    }

    @Test
    void pauseThenAdvanceThenResumeOnARunningRuntime() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            TimeControl tc = rt.timeControl();
            tc.pause();
            assertThat(tc.isPaused()).isTrue();
            Instant frozen = tc.now();
            assertThat(tc.now()).isEqualTo(frozen);
            tc.advance(Duration.ofHours(5));
            assertThat(tc.now().durationSince(frozen)).isEqualTo(Duration.ofHours(5));
            tc.resume();
            assertThat(tc.isPaused()).isFalse();
            assertThat(tc.now().isBefore(frozen.plus(Duration.ofHours(5)))).as("time never goes back").isFalse();
            // a real-time sleep still works after the round trip, and is never early
            long start = System.nanoTime();
            rt.blockOn(Time.sleep(Duration.ofMillis(2)));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(2).toNanos());
        }
    }

    @Test
    void advanceFiresTheDueTimerOnTheCurrentThreadFlavour() {
        try (Runtime rt = Runtime.builder().flavor(Flavor.CURRENT_THREAD).startPaused(true).build()) {
            TimeControl tc = rt.timeControl();
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<Object> busy = rt.spawnBlocking(() -> {
                release.await();
                return null;
            });
            Instant t0 = tc.now();
            JoinHandle<Instant> a = rt.spawn(PausedTimeTest.sleepUntilThenNow(t0.plus(Duration.ofSeconds(10))));
            tc.advance(Duration.ofSeconds(10));
            release.countDown();
            // the task runs in this blockOn: it sees the advanced clock, never a later jump
            assertThat(rt.blockOn(a).durationSince(t0)).isEqualTo(Duration.ofSeconds(10));
            rt.blockOn(busy);
        }
    }

    @Test
    void twoPausedRuntimesNeverShareTime() {
        try (Runtime one = Runtime.builder().workerThreads(1).startPaused(true).build();
                Runtime two = Runtime.builder().flavor(Flavor.CURRENT_THREAD).startPaused(true).build();
                Runtime real = Runtime.builder().workerThreads(1).build()) {
            Instant twoBefore = two.timeControl().now();
            Instant oneBefore = one.timeControl().now();
            one.timeControl().advance(Duration.ofDays(1));
            Instant woke = one.blockOn(one.spawn(PausedTimeTest.sleepThenNow(Duration.ofDays(2))));
            assertThat(woke.durationSince(oneBefore)).isEqualTo(Duration.ofDays(3));
            assertThat(two.timeControl().now()).as("the other paused clock did not move").isEqualTo(twoBefore);
            assertThat(real.timeControl().isPaused()).isFalse();
            assertThat(real.timeControl().now().durationSince(woke)).as("a real clock was never dragged forward")
                    .isLessThan(Duration.ofDays(1));
            Instant twoWoke = two.blockOn(PausedTimeTest.sleepThenNow(Duration.ofSeconds(5)));
            assertThat(twoWoke.durationSince(twoBefore)).isEqualTo(Duration.ofSeconds(5));
            assertThat(one.timeControl().now()).isEqualTo(woke);
        }
    }

    @Test
    void aBlockOnSleepAutoAdvancesOnEveryFlavour() {
        for (Runtime.Builder b : PausedTimeTest.runtimes().toList()) {
            try (Runtime rt = b.build()) {
                Instant t0 = rt.timeControl().now();
                rt.blockOn(Time.sleep(Duration.ofDays(30)));
                assertThat(rt.timeControl().now().durationSince(t0)).as("%s", rt).isEqualTo(Duration.ofDays(30));
            }
        }
    }
}
