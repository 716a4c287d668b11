package dev.weft.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Runtime;
import dev.weft.future.Probes.TrackedSource;
import dev.weft.time.Elapsed;
import dev.weft.time.Instant;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timer-based adapters, on a runtime whose clock is paused and jumps to the next timer when idle.
 * Each future runs as a spawned task ({@link #run}): a worker polling counts as busy, so the clock
 * does not jump while a poll is between registering two timers.
 */
class TimeAdaptersTest {

    private Runtime rt;

    @BeforeEach
    void start() {
        rt = Runtime.builder().workerThreads(1).startPaused(true).build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    private <T> T run(Future<T> f) {
        return rt.blockOn(rt.spawn(f));
    }

    /** A stream of {@code values}, the i-th arriving {@code delaysMs[i]} after it is asked for. */
    private static AsyncStream<String> delayed(List<String> values, long... delaysMs) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            idx.add(i);
        }
        return AsyncStream.fromIterable(idx).then(i -> Time.sleep(Duration.ofMillis(delaysMs[i])).map(v -> values.get(i)));
    }

    @Test
    void futureTimeout() {
        assertThat(run(Futures.ready(1).timeout(Duration.ofHours(1)))).isEqualTo(1);
        assertThatThrownBy(() -> run(Futures.<Integer>pending().timeout(Duration.ofSeconds(5))))
                .hasCauseInstanceOf(Elapsed.class);
    }

    @Test
    void perItemTimeoutFailsOnTheSlowItemAndClosesTheUpstream() {
        List<String> seen = new ArrayList<>();
        AsyncStream<String> s = delayed(List.of("a", "b", "slow"), 10, 50, 500).timeout(Duration.ofMillis(100));
        assertThatThrownBy(() -> run(s.forEach(seen::add))).hasCauseInstanceOf(Elapsed.class);
        assertThat(seen).containsExactly("a", "b");

        TrackedSource<Integer> src = new TrackedSource<>("src", null, List.of(1, 2));
        assertThat(run(src.timeout(Duration.ofMillis(1)).collect(Collectors.toList()))).containsExactly(1, 2);
        assertThat(src.closes).hasValue(1);
    }

    @Test
    void throttleSpacesItemsByAtLeastThePeriod() {
        List<Instant> at = new ArrayList<>();
        run(AsyncStream.fromIterable(List.of(1, 2, 3, 4)).throttle(Duration.ofMillis(100))
                .forEach(x -> at.add(Time.now())));
        assertThat(at).hasSize(4);
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i).durationSince(at.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void chunksTimeoutYieldsAPartialChunkWhenTheWaitIsOver() {
        Future<List<List<String>>> chunks = delayed(List.of("a", "b", "c", "d", "e"), 0, 0, 0, 500, 0)
                .chunksTimeout(10, Duration.ofMillis(100))
                .collect(Collectors.toList());
        assertThat(run(chunks)).containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
    }

    @Test
    void chunksTimeoutYieldsFullChunksAtOnce() {
        assertThat(run(AsyncStream.fromIterable(List.of(1, 2, 3, 4, 5)).chunksTimeout(2, Duration.ofHours(1))
                .collect(Collectors.toList()))).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void intervalIsAStreamOfTicks() {
        List<Instant> ticks = run(AsyncStream.interval(Time.interval(Duration.ofMillis(250))).take(4)
                .collect(Collectors.toList()));
        assertThat(ticks).hasSize(4);
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).durationSince(ticks.get(i - 1))).isEqualTo(Duration.ofMillis(250));
        }
    }
}
