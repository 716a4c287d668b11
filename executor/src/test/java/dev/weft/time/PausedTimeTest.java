package dev.weft.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Context;
import dev.weft.Flavor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PausedTimeTest {

    static Stream<Runtime.Builder> runtimes() {
        return Stream.of(
                Runtime.builder().workerThreads(1).startPaused(true),
                Runtime.builder().workerThreads(2).startPaused(true),
                Runtime.builder().flavor(Flavor.CURRENT_THREAD).startPaused(true));
    }

    /** Sleeps for d, then returns the virtual instant at which it woke. */
    static Future<Instant> sleepThenNow(Duration d) {
        return new Future<>() {
            Sleep s;

            public Poll<Instant> poll(Context cx) {
                if (s == null) {
                    s = Time.sleep(d);
                }
                return s.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending();
            }
        };
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void anHourLongSleepAutoAdvancesToItsExactDeadline(Runtime.Builder b) {
        try (Runtime rt = b.build()) {
            Instant t0 = rt.timeControl().now();
            Instant woke = rt.blockOn(rt.spawn(sleepThenNow(Duration.ofHours(1))));
            assertThat(woke.durationSince(t0)).isEqualTo(Duration.ofHours(1));
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void hundredThousandRandomTimersFireInDeadlineOrder(Runtime.Builder b) throws Exception {
        try (Runtime rt = b.build()) {
            Random rnd = new Random(42);
            int n = 100_000;
            ConcurrentLinkedQueue<long[]> fired = new ConcurrentLinkedQueue<>();
            // A running blocking call holds auto-advance back while the timers are being created.
            java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
            JoinHandle<Object> holder = rt.spawnBlocking(() -> {
                gate.await();
                return null;
            });
            Instant t0 = rt.timeControl().now();
            List<JoinHandle<Void>> hs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long ms = rnd.nextInt(10_000_000); // up to ~2.8 hours, across several wheel levels
                Future<Instant> f = sleepUntilThenNow(t0.plus(Duration.ofMillis(ms)));
                hs.add(rt.spawn(cx -> {
                    Poll<Instant> p = f.poll(cx);
                    if (p instanceof Poll.Ready<Instant> r) {
                        fired.add(new long[] {ms, r.value().durationSince(t0).toMillis()});
                        return Poll.ready(null);
                    }
                    return Poll.pending();
                }));
            }
            gate.countDown();
            rt.blockOn(holder);
            for (JoinHandle<Void> h : hs) {
                rt.blockOn(h);
            }
            assertThat(fired).hasSize(n);
            long previous = -1;
            for (long[] f : fired) {
                assertThat(f[1]).as("woke at its exact virtual deadline").isEqualTo(f[0]);
                assertThat(f[0]).as("fired in deadline order").isGreaterThanOrEqualTo(previous);
                previous = f[0];
            }
        }
    }

    /** Sleeps until an absolute virtual instant, then returns the instant at which it woke. */
    static Future<Instant> sleepUntilThenNow(Instant deadline) {
        Sleep s = Time.sleepUntil(deadline);
        return cx -> s.poll(cx).isReady() ? Poll.ready(Instant.now()) : Poll.pending();
    }

    @Test
    void advanceFiresExactlyTheDueTimers() {
        try (Runtime rt = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            TimeControl tc = rt.timeControl();
            // a blocking call keeps the runtime "busy" so auto-advance cannot move the clock
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            JoinHandle<Object> busy = rt.spawnBlocking(() -> {
                release.await();
                return null;
            });
            try {
                Instant t0 = tc.now();
                // absolute deadlines: correct whether or not the tasks have polled before advance()
                JoinHandle<Instant> a = rt.spawn(sleepUntilThenNow(t0.plus(Duration.ofSeconds(10))));
                JoinHandle<Instant> c = rt.spawn(sleepUntilThenNow(t0.plus(Duration.ofSeconds(30))));
                tc.advance(Duration.ofSeconds(10));
                assertThat(rt.blockOn(a).durationSince(t0)).isEqualTo(Duration.ofSeconds(10));
                assertThat(c.isFinished()).isFalse();
                tc.advance(Duration.ofSeconds(20));
                assertThat(rt.blockOn(c).durationSince(t0)).isEqualTo(Duration.ofSeconds(30));
            } finally {
                release.countDown();
            }
            rt.blockOn(busy);
        }
    }

    @Test
    void twoRuntimesHaveIndependentClocks() {
        try (Runtime paused = Runtime.builder().workerThreads(1).startPaused(true).build();
                Runtime other = Runtime.builder().workerThreads(1).startPaused(true).build()) {
            Instant before = other.timeControl().now();
            paused.blockOn(paused.spawn(sleepThenNow(Duration.ofDays(3))));
            assertThat(other.timeControl().now()).isEqualTo(before);
        }
    }
}
