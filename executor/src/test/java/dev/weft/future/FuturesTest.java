package dev.weft.future;

import static dev.weft.future.Probes.cx;
import static dev.weft.future.Probes.pollToEnd;
import static dev.weft.future.Probes.readyGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Poll;
import dev.weft.future.Probes.CountingWaker;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FuturesTest {

    // ------------------------------------------------------------------ leaves

    @Test
    void readyFailedLazyPollFn() {
        assertThat(pollToEnd(Futures.ready("x"), 1)).isEqualTo("x");
        assertThatThrownBy(() -> Futures.failed(new IllegalArgumentException("boom")).poll(cx()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
        AtomicInteger calls = new AtomicInteger();
        Future<Integer> lazy = Futures.lazy(calls::incrementAndGet);
        assertThat(calls).hasValue(0); // nothing runs before the first poll
        assertThat(pollToEnd(lazy, 1)).isEqualTo(1);
        int[] n = {0};
        Future<Integer> fn = Futures.pollFn(c -> ++n[0] < 3 ? Poll.pending() : Poll.ready(n[0]));
        assertThat(pollToEnd(fn, 5)).isEqualTo(3);
    }

    @Test
    void pendingIsNeverReady() {
        Future<String> p = Futures.pending();
        for (int i = 0; i < 100; i++) {
            assertThat(p.poll(cx()).isReady()).isFalse();
        }
    }

    static List<Supplier<Future<?>>> completedOnFirstPoll() {
        return List.of(
                () -> Futures.ready(1),
                () -> Futures.lazy(() -> 1),
                () -> Futures.pollFn(c -> Poll.ready(1)),
                () -> Futures.ready(1).map(x -> x + 1),
                () -> Futures.ready(1).inspect(x -> { }),
                () -> Futures.ready(1).then(x -> Futures.ready(x)),
                () -> Futures.join(Futures.ready(1), Futures.ready(2), Integer::sum),
                () -> Futures.joinAll(Futures.ready(1), Futures.ready(2)),
                () -> Futures.tryJoinAll(Futures.ready(1), Futures.ready(2)),
                () -> Futures.select(Futures.ready(1), Futures.pending()),
                () -> Futures.race(Futures.ready(1), Futures.pending()));
    }

    @ParameterizedTest
    @MethodSource("completedOnFirstPoll")
    void pollAfterCompletionFailsLoudly(Supplier<Future<?>> make) {
        Future<?> f = make.get();
        assertThat(f.poll(cx()).isReady()).isTrue();
        assertThatThrownBy(() -> f.poll(cx())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polled after completion");
    }

    @Test
    void pollAfterFailureFailsLoudly() {
        Future<Integer> f = Futures.<Integer>failed(new IllegalStateException("first")).map(x -> x);
        assertThatThrownBy(() -> f.poll(cx())).hasMessage("first");
        assertThatThrownBy(() -> f.poll(cx())).hasMessageContaining("polled after completion");
    }

    // ------------------------------------------------------------------ map / then / inspect

    @Test
    void mapClosesInnerBeforeTheFunctionRuns() {
        Log log = new Log();
        Gate<Integer> g = new Gate<>("inner", log);
        Future<Integer> m = g.map(x -> {
            log.add("fn " + x);
            return x * 2;
        });
        assertThat(m.poll(cx()).isReady()).isFalse();
        g.complete(21);
        assertThat(m.poll(cx()).value()).isEqualTo(42);
        assertThat(log.events()).containsExactly("closed inner", "fn 21");
    }

    @Test
    void closingMapCancelsUnfinishedInner() throws Exception {
        Gate<Integer> g = new Gate<>("inner", null);
        MapLike m = new MapLike(g.map(x -> x));
        m.f.poll(cx());
        m.close();
        assertThat(g.closes).hasValue(1);
        assertThatThrownBy(() -> m.f.poll(cx())).isInstanceOf(IllegalStateException.class);
    }

    private record MapLike(Future<Integer> f) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ((AutoCloseable) f).close();
        }
    }

    @Test
    void thenRunsStepsInOrderAndClosesEach() throws Exception {
        Log log = new Log();
        Gate<Integer> first = new Gate<>("first", log);
        Gate<String> second = new Gate<>("second", log);
        Future<String> t = first.then(x -> {
            log.add("fn " + x);
            return second;
        });
        assertThat(t.poll(cx()).isReady()).isFalse();
        first.complete(7);
        assertThat(t.poll(cx()).isReady()).isFalse();
        second.complete("done");
        assertThat(t.poll(cx()).value()).isEqualTo("done");
        assertThat(log.events()).containsExactly("closed first", "fn 7", "closed second");

        // closing while the second step runs cancels only the second step
        Log log2 = new Log();
        Gate<String> s2 = new Gate<>("second", log2);
        Future<String> t2 = readyGate("first", log2, 1).then(x -> s2);
        t2.poll(cx());
        ((AutoCloseable) t2).close();
        assertThat(log2.events()).containsExactly("closed first", "closed second");
    }

    @Test
    void inspectSeesTheValueAndPassesItOn() {
        List<Integer> seen = new ArrayList<>();
        assertThat(pollToEnd(Futures.ready(5).inspect(seen::add), 1)).isEqualTo(5);
        assertThat(seen).containsExactly(5);
    }

    @Test
    void failureOfInnerClosesItAndPropagates() {
        Gate<Integer> g = new Gate<>("inner", null);
        Future<Integer> m = g.map(x -> x);
        m.poll(cx());
        g.fail(new IllegalArgumentException("bad"));
        assertThatThrownBy(() -> m.poll(cx())).hasMessage("bad");
        assertThat(g.closes).hasValue(1);
    }
}
