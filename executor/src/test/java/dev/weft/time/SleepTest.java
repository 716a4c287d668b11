package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Flavor;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Waker;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Real-time sleeps: never early. Elapsed times are only bounded below, never above. */
class SleepTest {

    static Stream<Runtime.Builder> runtimes() {
        return Stream.of(
                Runtime.builder().workerThreads(1),
                Runtime.builder().workerThreads(2),
                Runtime.builder().flavor(Flavor.CURRENT_THREAD));
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void sleepNeverCompletesEarly(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            for (int ms : new int[] {1, 2, 5, 13}) {
                long start = System.nanoTime();
                rt.blockOn(Time.sleep(Duration.ofMillis(ms)));
                long lateness = System.nanoTime() - start - Duration.ofMillis(ms).toNanos();
                assertThat(lateness).as("lateness of a %d ms sleep", ms).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void sleepInsideSpawnedTasks(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            var handles = new java.util.ArrayList<dev.weft.JoinHandle<Long>>();
            for (int i = 0; i < 50; i++) {
                int ms = 1 + i % 7;
                Sleep s = Time.sleep(Duration.ofMillis(ms)); // created outside: measured from first poll
                handles.add(rt.spawn(new dev.weft.Future<Long>() {
                    long start;
                    public Poll<Long> poll(Context cx) {
                        if (start == 0) {
                            start = System.nanoTime();
                        }
                        if (!s.poll(cx).isReady()) {
                            return Poll.pending();
                        }
                        return Poll.ready(System.nanoTime() - start - Duration.ofMillis(ms).toNanos());
                    }
                }));
            }
            for (var h : handles) {
                assertThat(rt.blockOn(h)).isGreaterThanOrEqualTo(0L);
            }
        }
    }

    @Test
    void zeroAndNegativeDurationsCompleteOnFirstPoll() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            rt.blockOn(cx -> {
                assertThat(Time.sleep(Duration.ZERO).poll(cx).isReady()).isTrue();
                assertThat(Time.sleep(Duration.ofMillis(-5)).poll(cx).isReady()).isTrue();
                assertThat(rt.timeControl().isPaused()).isFalse();
                return Poll.ready(null);
            });
        }
    }

    @Test
    void pollingOutsideARuntimeFailsClearly() {
        Sleep s = Time.sleep(Duration.ofMillis(10));
        assertThatThrownBy(() -> s.poll(new Context(Waker.noop())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a Weft runtime");
    }

    @Test
    void nullDurationRejected() {
        assertThatThrownBy(() -> Time.sleep(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("duration");
    }

    @Test
    void hugeDurationsSaturateInsteadOfOverflowing() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Sleep s = rt.blockOn(cx -> Poll.ready(Time.sleep(Duration.ofDays(365L * 10_000))));
            assertThat(s.deadline().isAfter(rt.timeControl().now())).isTrue();
        }
    }
}
