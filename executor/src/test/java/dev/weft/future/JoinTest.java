package dev.weft.future;

import static dev.weft.future.Probes.cx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.future.Probes.CountingWaker;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JoinTest {

    @Test
    void joinCombinesInArgumentOrderWhateverTheCompletionOrder() {
        Gate<String> a = new Gate<>("a", null);
        Gate<Integer> b = new Gate<>("b", null);
        Future<String> j = Futures.join(a, b, (x, y) -> x + y);
        assertThat(j.poll(cx()).isReady()).isFalse();
        b.complete(2);
        assertThat(j.poll(cx()).isReady()).isFalse();
        a.complete("a");
        assertThat(j.poll(cx()).value()).isEqualTo("a2");
        assertThat(a.closes).hasValue(1);
        assertThat(b.closes).hasValue(1);
    }

    @Test
    void joinAllReturnsValuesInOrderAndAllowsNulls() {
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gates.add(new Gate<>("g" + i, null));
        }
        Future<List<Integer>> j = Futures.joinAll(gates);
        for (int i = 9; i >= 0; i--) {
            assertThat(j.poll(cx()).isReady()).isFalse();
            gates.get(i).complete(i == 5 ? null : i);
        }
        assertThat(j.poll(cx()).value()).containsExactly(0, 1, 2, 3, 4, null, 6, 7, 8, 9);
    }

    @Test
    void joinOfNothingIsReadyAtOnce() {
        assertThat(Futures.joinAll(List.<Future<Integer>>of()).poll(cx()).value()).isEmpty();
    }

    @Test
    void joinPollsEveryBranchOnEveryPollUntilItFinishes() {
        Gate<Integer> a = new Gate<>("a", null);
        Gate<Integer> b = new Gate<>("b", null);
        Future<List<Integer>> j = Futures.joinAll(a, b);
        j.poll(cx());
        a.complete(1);
        j.poll(cx());
        j.poll(cx());
        assertThat(a.polls).hasValue(2); // not polled again once finished
        assertThat(b.polls).hasValue(3);
    }

    @Test
    void joinWaitsForAllThenThrowsTheFirstFailureWithLaterOnesSuppressed() {
        Log log = new Log();
        Gate<Integer> a = new Gate<>("a", log);
        Gate<Integer> b = new Gate<>("b", log);
        Gate<Integer> c = new Gate<>("c", log);
        Future<List<Integer>> j = Futures.joinAll(a, b, c);
        j.poll(cx());
        a.fail(new IllegalStateException("a failed"));
        assertThat(j.poll(cx()).isReady()).isFalse(); // b and c still run
        assertThat(log.events()).containsExactly("closed a");
        c.fail(new IllegalStateException("c failed"));
        j.poll(cx());
        b.complete(2);
        assertThatThrownBy(() -> j.poll(cx())).hasMessage("a failed")
                .satisfies(t -> assertThat(t.getSuppressed()).extracting(Throwable::getMessage).containsExactly("c failed"));
        assertThat(log.events()).containsExactlyInAnyOrder("closed a", "closed b", "closed c");
    }

    @Test
    void tryJoinFirstFailureCancelsAndClosesTheOthersInOrder() {
        Log log = new Log();
        Gate<Integer> a = new Gate<>("a", log);
        Gate<Integer> b = new Gate<>("b", log);
        Gate<Integer> c = new Gate<>("c", log);
        Gate<Integer> d = new Gate<>("d", log);
        Future<List<Integer>> j = Futures.tryJoinAll(a, b, c, d);
        j.poll(cx());
        b.complete(1);
        j.poll(cx()); // b finishes and is closed
        c.fail(new IllegalArgumentException("c failed"));
        assertThatThrownBy(() -> j.poll(cx())).hasMessage("c failed");
        assertThat(log.events()).containsExactly("closed b", "closed c", "closed a", "closed d");
        assertThatThrownBy(() -> j.poll(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tryJoinOfTwoCancelsTheOther() {
        Log log = new Log();
        Gate<Integer> a = new Gate<>("a", log);
        Future<Integer> j = Futures.tryJoin(a, Futures.<Integer>failed(new IllegalStateException("b")), Integer::sum);
        assertThatThrownBy(() -> j.poll(cx())).hasMessage("b");
        assertThat(log.events()).containsExactly("closed a");
    }

    @Test
    void closingAJoinCancelsUnfinishedBranchesInOrder() throws Exception {
        Log log = new Log();
        Gate<Integer> a = new Gate<>("a", log);
        Gate<Integer> b = new Gate<>("b", log);
        Gate<Integer> c = new Gate<>("c", log);
        Future<List<Integer>> j = Futures.joinAll(a, b, c);
        j.poll(cx());
        b.complete(1);
        j.poll(cx());
        ((AutoCloseable) j).close();
        assertThat(log.events()).containsExactly("closed b", "closed a", "closed c");
    }

    @Test
    void aFailingCloseDoesNotStopTheOthers() throws Exception {
        Log log = new Log();
        Future<Integer> bad = new BadClose();
        Gate<Integer> b = new Gate<>("b", log);
        Future<List<Integer>> j = Futures.joinAll(bad, b);
        j.poll(cx());
        assertThatThrownBy(() -> ((AutoCloseable) j).close()).hasMessage("close failed");
        assertThat(log.events()).containsExactly("closed b");
    }

    private static final class BadClose implements Future<Integer>, AutoCloseable {
        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void close() {
            throw new IllegalStateException("close failed");
        }
    }

    /**
     * The join keeps each branch, then its value, in one array and marks finished slots in a bit
     * mask (a field up to 64 branches, an array beyond): past the 64th branch, closing must cancel
     * exactly the unfinished branches, in order, and never touch a finished one.
     */
    @Test
    void closingAJoinOfManyBranchesCancelsExactlyTheUnfinishedOnesInOrder() throws Exception {
        for (int n : new int[] {63, 64, 65, 128, 129, 200}) {
            Log log = new Log();
            List<Gate<Gate<Integer>>> gates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                gates.add(new Gate<>("g" + i, log));
            }
            Future<List<Gate<Integer>>> j = Futures.joinAll(gates);
            j.poll(cx());
            List<String> cancelled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0 || i == 64 || i == n - 1) {
                    // the value is closeable too: cancelling it by mistake would show in the log
                    gates.get(i).complete(new Gate<>("value" + i, log));
                } else {
                    cancelled.add("closed g" + i);
                }
            }
            j.poll(cx()); // releases (closes) the finished ones
            int before = log.events().size();
            ((AutoCloseable) j).close();
            assertThat(log.events().subList(before, log.events().size())).as("n=" + n)
                    .containsExactlyElementsOf(cancelled);
            for (int i = 0; i < n; i++) {
                assertThat(gates.get(i).closes).as("g" + i + " of " + n).hasValue(1);
            }
            assertThatThrownBy(() -> j.poll(cx())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aJoinOfManyBranchesFinishingInAnyOrderReturnsEveryValueInArgumentOrder() {
        int n = 150;
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gates.add(new Gate<>("g" + i, null));
        }
        Future<List<Integer>> j = Futures.tryJoinAll(gates);
        for (int wave = 0; wave < 5; wave++) {
            assertThat(j.poll(cx()).isReady()).isFalse();
            for (int i = n - 1 - wave; i >= 0; i -= 5) { // five interleaved waves, back to front
                gates.get(i).complete(i * 10);
            }
        }
        List<Integer> out = j.poll(cx()).value();
        assertThat(out).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(out.get(i)).isEqualTo(i * 10);
            int wave = (n - 1 - i) % 5;
            // pending on polls 1..wave+1, ready on the next, never polled after it finished
            assertThat(gates.get(i).polls).as("g" + i).hasValue(wave + 2);
        }
    }

    /** A value is never mistaken for a branch: a future produced as a value is not closed by the join. */
    @Test
    void aValueThatIsItselfAFutureIsNeitherPolledNorClosedByTheJoin() throws Exception {
        Gate<Integer> inner = new Gate<>("inner", null);
        Gate<Gate<Integer>> a = new Gate<>("a", null);
        Gate<Gate<Integer>> b = new Gate<>("b", null);
        Future<List<Gate<Integer>>> j = Futures.joinAll(a, b);
        a.complete(inner);
        assertThat(j.poll(cx()).isReady()).isFalse();
        assertThat(j.poll(cx()).isReady()).isFalse();
        ((AutoCloseable) j).close();
        assertThat(inner.polls).hasValue(0);
        assertThat(inner.closes).hasValue(0);
        assertThat(a.closes).hasValue(1);
        assertThat(b.closes).hasValue(1);

        Future<List<Gate<Integer>>> done = Futures.joinAll(Futures.ready(inner), Futures.ready(inner));
        assertThat(done.poll(cx()).value()).containsExactly(inner, inner);
        ((AutoCloseable) done).close();
        assertThat(inner.polls).hasValue(0);
        assertThat(inner.closes).hasValue(0);
    }

    @Test
    void joinOfAThousandPendingFuturesCompletesWhenAllAreWoken() {
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            gates.add(new Gate<>("g" + i, null));
        }
        Future<List<Integer>> j = Futures.joinAll(gates);
        assertThat(j.poll(cx).isReady()).isFalse();
        for (int i = 0; i < 1000; i++) {
            gates.get(i).complete(i);
        }
        assertThat(waker.wakes).hasValue(1000); // every branch registered the join's waker
        List<Integer> out = j.poll(cx).value();
        assertThat(out).hasSize(1000);
        assertThat(out.get(999)).isEqualTo(999);
    }

    @Test
    void joinAllocatesNothingPerPoll() {
        Allocation.assumeMeasurable();
        List<Future<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pending.add(Futures.pending());
        }
        Future<List<Integer>> j = Futures.joinAll(pending);
        Context cx = cx();
        for (int i = 0; i < 20_000; i++) { // warm up, so the JIT has compiled the poll loop
            j.poll(cx);
        }
        long bytes = Allocation.bytesDuring(() -> {
            for (int i = 0; i < 100_000; i++) {
                j.poll(cx);
            }
        });
        // 100,000 polls: a single allocation per poll would be >= 1.6 MB. Allow for measurement noise.
        assertThat(bytes).isLessThan(64 * 1024);
    }

    @Test
    void tryJoinAbortsSpawnedTasksWhenOneFails() throws Exception {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            CountDownLatch closed = new CountDownLatch(1);
            JoinHandle<Integer> forever = rt.spawn(new Closing(closed));
            JoinHandle<Integer> failing = rt.spawn(Futures.failed(new IllegalStateException("task failed")));
            assertThatThrownBy(() -> rt.blockOn(Futures.tryJoinAll(forever, failing)))
                    .hasRootCauseMessage("task failed");
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue(); // the other task was aborted
            assertThat(forever.isFinished()).isTrue();
        }
    }

    /** Pending forever; counts its close down. */
    static final class Closing implements Future<Integer>, AutoCloseable {
        private final CountDownLatch closed;

        Closing(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void joinOfSpawnedTasksOnTheRuntime() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                hs.add(rt.spawn(Futures.lazy(() -> n * 2)));
            }
            List<Integer> out = rt.blockOn(Futures.joinAll(hs));
            assertThat(out).hasSize(500);
            assertThat(out.get(250)).isEqualTo(500);
        }
    }
}
