package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Waker;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BarrierTest {

    // ------------------------------------------------------------------ by hand

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsFewerThanOneParty(int parties) {
        assertThatThrownBy(() -> new Barrier(parties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1")
                .hasMessageContaining(String.valueOf(parties));
    }

    @Test
    void theLastArrivalReleasesEveryoneAndIsTheOnlyLeader() {
        Barrier barrier = new Barrier(3);
        assertThat(barrier.parties()).isEqualTo(3);
        Arrivals a = new Arrivals(barrier, 2);
        assertThat(barrier.arrivedCount()).isEqualTo(2);
        Future<BarrierWaitResult> last = barrier.await();
        assertThat(last.poll(cx()).value()).isEqualTo(new BarrierWaitResult(true));
        assertThat(a.wakes()).containsExactly(1, 1);
        assertThat(a.poll(0)).isEqualTo(new BarrierWaitResult(false));
        assertThat(a.poll(1)).isEqualTo(new BarrierWaitResult(false));
        assertThat(barrier.waiterCount()).isZero();
        assertThat(barrier.arrivedCount()).isZero();
    }

    @Test
    void isReusableGenerationAfterGeneration() {
        Barrier barrier = new Barrier(2);
        for (int gen = 0; gen < 5; gen++) {
            Arrivals a = new Arrivals(barrier, 1);
            assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
            assertThat(a.poll(0).isLeader()).isFalse();
        }
        assertThat(barrier.waiterCount()).isZero();
    }

    @Test
    void anArrivalCountsAtTheFirstPollNotAtCreation() {
        Barrier barrier = new Barrier(2);
        Future<BarrierWaitResult> created = barrier.await();
        assertThat(barrier.arrivedCount()).isZero();
        Arrivals a = new Arrivals(barrier, 1);
        assertThat(barrier.arrivedCount()).isEqualTo(1);
        assertThat(created.poll(cx()).value().isLeader()).isTrue();
        assertThat(a.poll(0).isLeader()).isFalse();
    }

    @Test
    void aWaiterClosedBeforeItsGenerationCompletedWithdrawsItsArrival() {
        Barrier barrier = new Barrier(3);
        Arrivals a = new Arrivals(barrier, 2);
        a.close(0);
        assertThat(barrier.arrivedCount()).isEqualTo(1);
        assertThat(barrier.waiterCount()).isEqualTo(1);
        Future<BarrierWaitResult> third = barrier.await();
        CountingWaker thirdWaker = new CountingWaker();
        assertThat(third.poll(new Context(thirdWaker)).isReady()).as("needs one more arrival").isFalse();
        assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
        assertThat(thirdWaker.wakes.get()).isEqualTo(1);
        assertThat(a.wakes()).containsExactly(0, 1);
        assertThat(a.poll(1).isLeader()).isFalse();
        assertThat(third.poll(cx()).value().isLeader()).isFalse();
        assertThat(barrier.waiterCount()).isZero();
    }

    @Test
    void closingAfterTheGenerationCompletedChangesNothing() {
        Barrier barrier = new Barrier(2);
        Arrivals a = new Arrivals(barrier, 1);
        assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
        a.close(0); // released but never saw Ready
        assertThat(barrier.arrivedCount()).isZero();
        assertThat(barrier.waiterCount()).isZero();
        Arrivals next = new Arrivals(barrier, 1); // the next generation starts from scratch
        assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
        assertThat(next.poll(0).isLeader()).isFalse();
    }

    @Test
    void closingAnArrivalThatWasNeverPolledChangesNothing() {
        Barrier barrier = new Barrier(2);
        Arrivals a = new Arrivals(barrier, 1);
        closeQuietly(barrier.await());
        assertThat(barrier.arrivedCount()).isEqualTo(1);
        assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
        assertThat(a.poll(0).isLeader()).isFalse();
    }

    @Test
    void oneWithOnePartyEveryArrivalLeadsAtOnce() {
        Barrier barrier = new Barrier(1);
        for (int i = 0; i < 3; i++) {
            assertThat(barrier.await().poll(cx()).value().isLeader()).isTrue();
        }
    }

    @Test
    void pollingAfterReadyFails() {
        Barrier barrier = new Barrier(1);
        Future<BarrierWaitResult> f = barrier.await();
        f.poll(cx());
        assertThatThrownBy(() -> f.poll(cx()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after it completed");
    }

    // ------------------------------------------------------------------ in a runtime

    /** The runtime configurations the behavioural tests run on. */
    enum Flavour {
        MULTI_THREAD,
        CURRENT_THREAD;

        Runtime build() {
            return this == MULTI_THREAD
                    ? Runtime.builder().workerThreads(2).build()
                    : Runtime.builder().flavor(dev.weft.Flavor.CURRENT_THREAD).build();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void tasksMeetRoundAfterRoundWithOneLeaderPerRound(Flavour flavour) {
        int parties = 5;
        int rounds = 50;
        try (Runtime rt = flavour.build()) {
            Barrier barrier = new Barrier(parties);
            AtomicIntegerArray arrivals = new AtomicIntegerArray(rounds);
            AtomicIntegerArray leaders = new AtomicIntegerArray(rounds);
            AtomicInteger early = new AtomicInteger();
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                tasks.add(rt.spawn(new BarrierRounds(barrier, rounds, arrivals, leaders, early)));
            }
            for (JoinHandle<Void> t : tasks) {
                rt.blockOn(Time.timeout(Duration.ofSeconds(30), t));
            }
            for (int r = 0; r < rounds; r++) {
                assertThat(leaders.get(r)).as("leaders of round %d", r).isEqualTo(1);
                assertThat(arrivals.get(r)).isEqualTo(parties);
            }
            assertThat(early.get()).as("tasks released before every party arrived").isZero();
            assertThat(barrier.waiterCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTimedOutWaiterWithdrawsSoTheBarrierWaitsForOneMore(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Barrier barrier = new Barrier(3);
            JoinHandle<BarrierWaitResult> first = rt.spawn(barrier.await());
            JoinHandle<BarrierWaitResult> gaveUp =
                    rt.spawn(Time.timeout(Duration.ofMillis(5), barrier.await()));
            assertThatThrownBy(() -> rt.blockOn(gaveUp)).hasCauseInstanceOf(Elapsed.class);
            JoinHandle<BarrierWaitResult> aborted = rt.spawn(barrier.await());
            rt.blockOn(untilArrived(barrier, 2));
            aborted.abort();
            rt.blockOn(untilArrived(barrier, 1));
            assertThat(first.isFinished()).isFalse();
            JoinHandle<BarrierWaitResult> second = rt.spawn(barrier.await());
            rt.blockOn(untilArrived(barrier, 2));
            BarrierWaitResult third = rt.blockOn(barrier.await());
            assertThat(List.of(rt.blockOn(first), rt.blockOn(second), third))
                    .filteredOn(BarrierWaitResult::isLeader)
                    .containsExactly(third);
            assertThat(barrier.arrivedCount()).isZero();
            assertThat(barrier.waiterCount()).isZero();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Yields until the barrier has counted {@code n} arrivals. */
    private static Future<Void> untilArrived(Barrier barrier, int n) {
        return Time.timeout(Duration.ofSeconds(30), cx -> {
            if (barrier.arrivedCount() == n) {
                return Poll.ready(null);
            }
            cx.waker().wake();
            return Poll.pending();
        });
    }

    private static Context cx() {
        return new Context(Waker.noop());
    }

    private static void closeQuietly(Future<?> f) {
        try {
            ((AutoCloseable) f).close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** Arrivals polled once each (so counted and queued), each with its own counting waker. */
    private static final class Arrivals {
        final List<Future<BarrierWaitResult>> futures = new ArrayList<>();
        final List<CountingWaker> wakers = new ArrayList<>();

        Arrivals(Barrier barrier, int n) {
            for (int i = 0; i < n; i++) {
                Future<BarrierWaitResult> f = barrier.await();
                CountingWaker w = new CountingWaker();
                assertThat(f.poll(new Context(w)).isReady()).isFalse();
                futures.add(f);
                wakers.add(w);
            }
        }

        BarrierWaitResult poll(int i) {
            Poll<BarrierWaitResult> p = futures.get(i).poll(new Context(wakers.get(i)));
            assertThat(p.isReady()).as("arrival %d released", i).isTrue();
            return p.value();
        }

        void close(int i) {
            closeQuietly(futures.get(i));
        }

        List<Integer> wakes() {
            return wakers.stream().map(w -> w.wakes.get()).toList();
        }
    }

    /**
     * Meets the barrier {@code rounds} times: counts its arrival for the round, waits, then checks
     * every party of the round had arrived before anyone was released.
     */
    static final class BarrierRounds implements Future<Void>, AutoCloseable {
        private final Barrier barrier;
        private final int rounds;
        private final AtomicIntegerArray arrivals;
        private final AtomicIntegerArray leaders;
        private final AtomicInteger early;
        private int round;
        private Future<BarrierWaitResult> waiting;

        BarrierRounds(Barrier barrier, int rounds, AtomicIntegerArray arrivals, AtomicIntegerArray leaders,
                AtomicInteger early) {
            this.barrier = barrier;
            this.rounds = rounds;
            this.arrivals = arrivals;
            this.leaders = leaders;
            this.early = early;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (round < rounds) {
                if (waiting == null) {
                    arrivals.incrementAndGet(round);
                    waiting = barrier.await();
                }
                Poll<BarrierWaitResult> p = waiting.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                waiting = null;
                if (arrivals.get(round) != barrier.parties()) {
                    early.incrementAndGet();
                }
                if (p.value().isLeader()) {
                    leaders.incrementAndGet(round);
                }
                round++;
            }
            return Poll.ready(null);
        }

        @Override
        public void close() {
            if (waiting != null) {
                closeQuietly(waiting);
                waiting = null;
            }
        }
    }
}
