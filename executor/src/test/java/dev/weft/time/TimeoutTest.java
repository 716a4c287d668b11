package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Flavor;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinError;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.TimeInternals;
import dev.weft.Waker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Time#timeout}: the exact virtual instant of {@link Elapsed}, the inner future closed
 * exactly once whichever way it ends, and no timer at all for an inner future that is ready at once.
 */
class TimeoutTest {

    static Stream<Runtime.Builder> pausedRuntimes() {
        return PausedTimeTest.runtimes();
    }

    /** A future that completes with {@code value} once {@code after} has passed, counting its closes. */
    static final class Closeable<T> implements Future<T>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger polls = new AtomicInteger();
        private final Duration after;
        private final T value;
        private Sleep sleep;

        Closeable(Duration after, T value) {
            this.after = after;
            this.value = value;
        }

        @Override
        public Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            assertThat(closes).as("never polled after close").hasValue(0);
            if (after == null) {
                return Poll.pending();
            }
            if (sleep == null) {
                sleep = Time.sleep(after);
            }
            return sleep.poll(cx).isReady() ? Poll.ready(value) : Poll.pending();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (sleep != null) {
                sleep.close();
            }
        }
    }

    /** The outcome of a timeout seen from inside the task: when it ended and how. */
    record Outcome(Instant at, Object value, Elapsed elapsed) {}

    static <T> Future<Outcome> observe(Future<T> f) {
        return cx -> {
            try {
                Poll<T> p = f.poll(cx);
                return p instanceof Poll.Ready<T> r ? Poll.ready(new Outcome(Instant.now(), r.value(), null)) : Poll.pending();
            } catch (Elapsed e) {
                return Poll.ready(new Outcome(Instant.now(), null, e));
            }
        };
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void elapsedAtTheExactVirtualInstantNamingTheDuration(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Closeable<String> inner = new Closeable<>(null, "never");
            Duration limit = Duration.ofMillis(2_500);
            Outcome o = rt.blockOn(rt.spawn(observe(Time.timeout(limit, inner))));
            assertThat(o.elapsed()).isNotNull();
            assertThat(o.at().durationSince(t0)).as("failed at exactly the limit").isEqualTo(limit);
            assertThat(o.elapsed().duration()).isEqualTo(limit);
            assertThat(o.elapsed()).hasMessageContaining(limit.toString());
            assertThat(inner.closes).as("inner closed exactly once on timeout").hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void innerCompletingFirstWinsAndIsClosedOnce(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Closeable<String> inner = new Closeable<>(Duration.ofSeconds(2), "done");
            Outcome o = rt.blockOn(rt.spawn(observe(Time.timeout(Duration.ofSeconds(3), inner))));
            assertThat(o.elapsed()).isNull();
            assertThat(o.value()).isEqualTo("done");
            assertThat(o.at().durationSince(t0)).isEqualTo(Duration.ofSeconds(2));
            assertThat(inner.closes).as("inner closed exactly once on completion").hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).as("the timeout's timer was cancelled").isZero();
        }
    }

    @Test
    void innerDueAtTheSameInstantAsTheLimitWins() {
        // the inner future is polled first: a tie goes to the value
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Closeable<String> inner = new Closeable<>(Duration.ofSeconds(1), "tie");
            Outcome o = rt.blockOn(rt.spawn(observe(Time.timeout(Duration.ofSeconds(1), inner))));
            assertThat(o.value()).isEqualTo("tie");
            assertThat(inner.closes).hasValue(1);
        }
    }

    @Test
    void aFailingInnerFutureIsClosedOnceAndItsErrorPropagates() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            AtomicInteger closes = new AtomicInteger();
            class Failing implements Future<String>, AutoCloseable {
                int polls;

                @Override
                public Poll<String> poll(Context cx) {
                    if (++polls == 1) {
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    throw new IllegalArgumentException("inner failure");
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                }
            }
            JoinError e = org.junit.jupiter.api.Assertions.assertThrows(JoinError.class,
                    () -> rt.blockOn(rt.spawn(Time.timeout(Duration.ofHours(1), new Failing()))));
            assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
            assertThat(closes).hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void closingAPendingTimeoutClosesTheInnerOnceAndCancelsTheTimer() {
        // real time: a paused idle runtime would auto-advance to the hour and fire it first
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            Closeable<String> inner = new Closeable<>(null, "never");
            Timeout<String> t = Time.timeout(Duration.ofHours(1), inner);
            rt.blockOn(cx -> {
                assertThat(t.poll(cx).isReady()).isFalse();
                return Poll.ready(null);
            });
            assertThat(TimeInternals.pendingTimers(rt)).as("registered on the first poll that waits").isEqualTo(1);
            t.close();
            t.close();
            assertThat(inner.closes).as("closed exactly once").hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void abortingTheOwningTaskClosesTheInnerOnce() {
        try (Runtime rt = Runtime.builder().workerThreads(2).startPaused(true).build()) {
            Closeable<String> inner = new Closeable<>(null, "never");
            var h = rt.spawn(Time.timeout(Duration.ofHours(1), inner));
            h.abort();
            assertThatThrownBy(() -> rt.blockOn(h)).isInstanceOf(JoinError.class);
            assertThat(inner.closes).hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("pausedRuntimes")
    void aTimeoutOfAReadyFutureNeverRegistersATimer(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            int[] seen = new int[2];
            Integer v = rt.blockOn(rt.spawn(cx -> {
                Timeout<Integer> t = Time.timeout(Duration.ofHours(1), Futures.ready(42));
                Poll<Integer> p = t.poll(cx);
                seen[0] = TimeInternals.pendingTimers(rt);
                // and a timeout around a future that waits does register one, for contrast
                Timeout<Integer> waiting = Time.timeout(Duration.ofHours(1), Futures.pending());
                waiting.poll(cx);
                seen[1] = TimeInternals.pendingTimers(rt);
                waiting.close();
                return p;
            }));
            assertThat(v).isEqualTo(42);
            assertThat(seen[0]).as("a ready inner future never touches the wheel").isZero();
            assertThat(seen[1]).isEqualTo(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }

    @Test
    void aTimeoutPolledAfterCompletionFailsClearly() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            Timeout<Integer> t = Time.timeout(Duration.ofHours(1), Futures.ready(1));
            rt.blockOn(cx -> {
                assertThat(t.poll(cx).isReady()).isTrue();
                assertThatThrownBy(() -> t.poll(cx)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("after it completed");
                return Poll.ready(null);
            });
        }
    }

    @Test
    void aTimeoutPolledOutsideARuntimeFailsClearly() {
        Timeout<Object> t = Time.timeout(Duration.ofSeconds(1), Futures.pending());
        assertThatThrownBy(() -> t.poll(new Context(Waker.noop())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a Weft runtime");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> Time.timeout(null, Futures.ready(1))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> Time.timeout(Duration.ofSeconds(1), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("future");
    }

    /** Real time: Elapsed is never early. Only a lower bound on the elapsed time is asserted. */
    @ParameterizedTest
    @MethodSource("dev.weft.time.SleepTest#runtimes")
    void underRealTimeElapsedIsNeverEarly(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            for (int ms : new int[] {1, 3, 7}) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> rt.blockOn(Time.timeout(Duration.ofMillis(ms), Futures.pending())))
                        .isInstanceOf(Elapsed.class);
                long lateness = System.nanoTime() - start - Duration.ofMillis(ms).toNanos();
                assertThat(lateness).as("lateness of a %d ms timeout", ms).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void zeroLimitOnAPendingFutureElapsesOnTheFirstPoll() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant t0 = rt.timeControl().now();
            Closeable<String> inner = new Closeable<>(null, "never");
            Outcome o = rt.blockOn(rt.spawn(observe(Time.timeout(Duration.ZERO, inner))));
            assertThat(o.elapsed()).isNotNull();
            assertThat(o.at()).isEqualTo(t0);
            assertThat(inner.polls).as("the inner future is still polled once first").hasValue(1);
            assertThat(inner.closes).hasValue(1);
            assertThat(TimeInternals.pendingTimers(rt)).isZero();
        }
    }
}
