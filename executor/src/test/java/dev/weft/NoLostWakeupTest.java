package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wakes that race with parking: tasks that take turns, each waking the other and going idle, many
 * thousand times. A single lost wake stops the exchange, which the bounded waits turn into a failure.
 */
class NoLostWakeupTest {

    /** Whose turn it is, and the waker of each side; a side that is not on turn goes idle. */
    private static final class Turns {
        final AtomicInteger turn = new AtomicInteger(); // even: ping, odd: pong
        final AtomicReference<Waker> ping = new AtomicReference<>();
        final AtomicReference<Waker> pong = new AtomicReference<>();
    }

    /** One side: on its turn it passes the turn on and wakes the other side. */
    private static Future<Integer> side(Turns t, int parity, int rounds, AtomicReference<Waker> mine,
            AtomicReference<Waker> other) {
        return cx -> {
            for (;;) {
                mine.set(cx.waker());
                int n = t.turn.get();
                if (n >= 2 * rounds) {
                    return Poll.ready(n);
                }
                if (n % 2 != parity) {
                    return Poll.pending(); // the other side's turn: it will wake us
                }
                t.turn.incrementAndGet();
                Waker w = other.get();
                if (w != null) {
                    w.wake();
                }
                if (!Budget.proceed(cx)) {
                    return Poll.pending();
                }
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void twoTasksTakingTurnsNeverLoseAWake(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            int rounds = 50_000;
            Turns t = new Turns();
            JoinHandle<Integer> ping = f.rt.spawn(side(t, 0, rounds, t.ping, t.pong));
            JoinHandle<Integer> pong = f.rt.spawn(side(t, 1, rounds, t.pong, t.ping));
            CountDownLatch done = new CountDownLatch(1);
            f.rt.spawn(cx -> {
                for (JoinHandle<Integer> h : List.of(ping, pong)) {
                    if (!h.poll(cx).isReady()) {
                        return Poll.pending(); // woken when it completes
                    }
                }
                done.countDown();
                return Poll.ready(null);
            });

            Await.await(done, "both sides to finish " + rounds + " rounds (turn reached " + t.turn.get() + ")");
            assertThat(f.join(ping)).isEqualTo(2 * rounds);
            assertThat(f.join(pong)).isEqualTo(2 * rounds);
        }
    }

    /**
     * A task and a plain thread taking turns: every turn the task goes idle and its worker parks, and
     * the thread's wake must find it.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskAndAThreadTakingTurnsNeverLoseAWake(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            int rounds = 10_000;
            AtomicInteger turn = new AtomicInteger();
            AtomicReference<Waker> taskWaker = new AtomicReference<>();
            Semaphore threadTurn = new Semaphore(0);
            JoinHandle<Integer> task = f.rt.spawn(cx -> {
                taskWaker.set(cx.waker());
                int n = turn.get();
                if (n == 2 * rounds) {
                    return Poll.ready(n);
                }
                if (n % 2 == 0) {
                    turn.incrementAndGet();
                    threadTurn.release();
                }
                return Poll.pending();
            });

            for (int i = 0; i < rounds; i++) {
                assertThat(threadTurn.tryAcquire(Await.SECONDS, TimeUnit.SECONDS))
                        .as("the task took its turn %d", i).isTrue();
                turn.incrementAndGet();
                taskWaker.get().wake();
            }

            assertThat(f.join(task)).isEqualTo(2 * rounds);
        }
    }
}
