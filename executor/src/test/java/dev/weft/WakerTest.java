package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class WakerTest {

    @Test
    void noopWakerDoesNothingAndIsShared() {
        Waker w = Waker.noop();

        w.wake();
        w.wake();

        assertThat(Waker.noop()).isSameAs(w);
        assertThat(w.willWake(Waker.noop())).isTrue();
    }

    @Test
    void willWakeComparesIdentityByDefault() {
        Waker a = () -> { };
        Waker b = () -> { };

        assertThat(a.willWake(a)).isTrue();
        assertThat(a.willWake(b)).isFalse();
        assertThat(a.willWake(null)).isFalse();
    }

    @Test
    void contextHandsOutItsWaker() {
        Waker w = () -> { };

        assertThat(new Context(w).waker()).isSameAs(w);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskKeepsTheSameWakerAcrossPolls(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<Waker> seen = new ArrayList<>();
            JoinHandle<Boolean> h = f.rt.spawn(cx -> {
                seen.add(cx.waker());
                if (seen.size() < 3) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready(seen.get(0).willWake(seen.get(1)) && seen.get(1).willWake(seen.get(2)));
            });

            assertThat(f.join(h)).as("the waker of poll 1 wakes the same task as those of polls 2 and 3").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void wakersOfDifferentTasksDoNotWakeTheSameTask(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Waker> a = f.rt.spawn(cx -> Poll.ready(cx.waker()));
            JoinHandle<Waker> b = f.rt.spawn(cx -> Poll.ready(cx.waker()));

            assertThat(f.join(a).willWake(f.join(b))).isFalse();
        }
    }

    /** Many wakes before the next poll schedule the task once: it is polled once more, not 100 times. */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "CURRENT_THREAD"})
    void manyWakesBeforeThePollScheduleOnePoll(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal parked = new Signal();
            AtomicInteger polls = new AtomicInteger();
            AtomicReference<Waker> waker = new AtomicReference<>();
            JoinHandle<Integer> sleeper = f.rt.spawn(cx -> {
                if (polls.incrementAndGet() == 1) {
                    waker.set(cx.waker());
                    parked.fire();
                    return Poll.pending();
                }
                return Poll.ready(polls.get());
            });
            // the only worker (or driver) runs the waking task after the sleeper's first poll has ended
            JoinHandle<Void> waking = f.rt.spawn(cx -> {
                if (!parked.poll(cx).isReady()) {
                    return Poll.pending();
                }
                for (int i = 0; i < 100; i++) {
                    waker.get().wake();
                }
                return Poll.ready(null);
            });

            f.join(waking);
            assertThat(f.join(sleeper)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void wakesFromManyThreadsAtOnceAreSafe(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            int wakers = 4;
            int wakesEach = 20_000;
            AtomicReference<Waker> waker = new AtomicReference<>();
            CountDownLatch registered = new CountDownLatch(1);
            AtomicInteger wakesDone = new AtomicInteger();
            // completes once every wake has been sent and it was polled after that
            JoinHandle<Integer> h = f.rt.spawn(new Future<Integer>() {
                int polls;

                @Override
                public Poll<Integer> poll(Context cx) {
                    polls++;
                    waker.set(cx.waker());
                    registered.countDown();
                    return wakesDone.get() == wakers ? Poll.ready(polls) : Poll.pending();
                }
            });
            Await.await(registered, "first poll");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < wakers; t++) {
                Thread th = new Thread(() -> {
                    Waker w = waker.get();
                    for (int i = 0; i < wakesEach; i++) {
                        w.wake();
                    }
                    wakesDone.incrementAndGet();
                    w.wake();
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                Await.join(th);
            }

            assertThat(f.join(h)).isBetween(2, wakers * wakesEach + wakers + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void wakingACompletedTaskDoesNothing(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Waker> p = Probe.of(cx -> Poll.ready(cx.waker()));
            JoinHandle<Waker> h = f.rt.spawn(p);
            Waker w = f.join(h);

            w.wake();
            w.wake();
            f.join(f.rt.spawn(cx -> Poll.ready(null))); // give a wrongly scheduled poll the chance to run

            assertThat(p.polls()).isEqualTo(1);
            assertThat(p.closes()).isEqualTo(1);
            assertThat(f.join(h)).isSameAs(w);
        }
    }
}
