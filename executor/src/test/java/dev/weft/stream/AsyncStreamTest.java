package dev.weft.stream;

import static dev.weft.future.Probes.cx;
import static dev.weft.future.Probes.pollToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Runtime;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import dev.weft.future.Probes.TrackedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AsyncStreamTest {

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static <T> List<T> drain(AsyncStream<T> s) {
        return pollToEnd(s.collect(Collectors.toList()), 1_000_000);
    }

    @Test
    void mapFilterFold() {
        long sum = pollToEnd(AsyncStream.fromIterable(range(0, 100)).map(x -> x * 3).filter(x -> x % 2 == 0)
                .fold(0L, (a, x) -> a + x), 10);
        assertThat(sum).isEqualTo(IntStream.range(0, 100).map(x -> x * 3).filter(x -> x % 2 == 0).asLongStream().sum());
    }

    @Test
    void sources() {
        assertThat(drain(AsyncStream.fromIterable(List.of("a", "b")))).containsExactly("a", "b");
        assertThat(drain(AsyncStream.once("x"))).containsExactly("x");
        assertThat(drain(AsyncStream.empty())).isEmpty();
        assertThat(drain(AsyncStream.fromFuture(Futures.ready(3)))).containsExactly(3);
        assertThat(drain(AsyncStream.iterate(1, x -> x * 2).take(5))).containsExactly(1, 2, 4, 8, 16);
        assertThat(drain(AsyncStream.<Integer, Integer>unfold(0,
                s -> Futures.ready(s < 3 ? new AsyncStream.Step<>(s * 10, s + 1) : null))))
                .containsExactly(0, 10, 20);
    }

    @Test
    void pollAfterEndFailsLoudly() {
        for (AsyncStream<Integer> s : List.of(AsyncStream.fromIterable(List.<Integer>of()), AsyncStream.<Integer>empty(),
                AsyncStream.fromIterable(List.<Integer>of()).map(x -> x))) {
            assertThat(s.pollNext(cx())).isInstanceOf(StreamPoll.End.class);
            assertThatThrownBy(() -> s.pollNext(cx())).isInstanceOf(IllegalStateException.class);
        }
        AsyncStream<Integer> once = AsyncStream.once(1);
        once.pollNext(cx());
        once.pollNext(cx());
        assertThatThrownBy(() -> once.pollNext(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filterMapSkipTakeWhile() {
        assertThat(drain(AsyncStream.fromIterable(range(0, 10))
                .filterMap(x -> x % 3 == 0 ? Optional.of("#" + x) : Optional.empty())))
                .containsExactly("#0", "#3", "#6", "#9");
        assertThat(drain(AsyncStream.fromIterable(range(0, 10)).skip(7))).containsExactly(7, 8, 9);
        assertThat(drain(AsyncStream.fromIterable(range(0, 10)).takeWhile(x -> x < 3))).containsExactly(0, 1, 2);
    }

    @Test
    void takeEndsEarlyClosesUpstreamAndNeverPollsItAgain() {
        Log log = new Log();
        TrackedSource<Integer> src = new TrackedSource<>("src", log, range(0, 100));
        assertThat(drain(src.take(3))).containsExactly(0, 1, 2);
        assertThat(src.polls).hasValue(3);
        assertThat(src.closes).hasValue(1);
        TrackedSource<Integer> src2 = new TrackedSource<>("src2", log, range(0, 100));
        assertThat(drain(src2.takeWhile(x -> x < 2))).containsExactly(0, 1);
        assertThat(src2.closes).hasValue(1);
    }

    @Test
    void closingAPipelineClosesTheSourceOnce() {
        Log log = new Log();
        TrackedSource<Integer> src = new TrackedSource<>("src", log, range(0, 100));
        AsyncStream<Integer> s = src.map(x -> x + 1).filter(x -> true).skip(1).chunks(5).map(List::size);
        s.pollNext(cx());
        s.close();
        s.close();
        assertThat(src.closes).hasValue(1);
        assertThatThrownBy(() -> s.pollNext(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void upstreamIsClosedWhenItEndsAndWhenAnAdapterThrows() {
        TrackedSource<Integer> src = new TrackedSource<>("src", null, range(0, 3));
        assertThat(drain(src.map(x -> x))).hasSize(3);
        assertThat(src.closes).hasValue(1);
        TrackedSource<Integer> src2 = new TrackedSource<>("src", null, range(0, 3));
        AsyncStream<Integer> boom = src2.map(x -> {
            throw new IllegalArgumentException("bad item");
        });
        assertThatThrownBy(() -> boom.pollNext(cx())).hasMessage("bad item");
        assertThat(src2.closes).hasValue(1);
    }

    @Test
    void thenAwaitsEachItemsFutureInOrder() {
        Gate<String> g = new Gate<>("g", null);
        AsyncStream<String> s = AsyncStream.fromIterable(List.of(1, 2)).then(x -> x == 1 ? g : Futures.ready("two"));
        assertThat(s.pollNext(cx())).isInstanceOf(StreamPoll.Pending.class);
        g.complete("one");
        assertThat(drain(s)).containsExactly("one", "two");
        assertThat(g.closes).hasValue(1);
    }

    @Test
    void closingThenCancelsTheRunningFutureThenClosesUpstream() {
        Log log = new Log();
        TrackedSource<Integer> src = new TrackedSource<>("src", log, range(0, 5));
        AsyncStream<String> s = src.then(x -> new Gate<String>("f" + x, log));
        s.pollNext(cx());
        s.close();
        assertThat(log.events()).containsExactly("closed f0", "closed src");
    }

    @Test
    void chainZipMerge() {
        Log log = new Log();
        TrackedSource<Integer> a = new TrackedSource<>("a", log, range(0, 2));
        TrackedSource<Integer> b = new TrackedSource<>("b", log, range(10, 12));
        assertThat(drain(a.chain(b))).containsExactly(0, 1, 10, 11);
        assertThat(log.events()).containsExactly("closed a", "closed b");

        Log zlog = new Log();
        TrackedSource<Integer> left = new TrackedSource<>("left", zlog, range(0, 5));
        TrackedSource<String> right = new TrackedSource<>("right", zlog, List.of("a", "b"));
        assertThat(drain(left.zip(right, (i, s) -> s + i))).containsExactly("a0", "b1");
        assertThat(zlog.events()).containsExactly("closed left", "closed right");
        assertThat(left.polls).hasValue(3); // the third left item waited for a partner that never came

        List<Integer> merged = drain(AsyncStream.fromIterable(range(0, 3)).merge(AsyncStream.fromIterable(range(10, 15))));
        assertThat(merged).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 12, 13, 14);
        assertThat(merged.subList(0, 6)).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 12); // alternates while both run
    }

    @Test
    void chunksFlushTheRemainder() {
        assertThat(drain(AsyncStream.fromIterable(range(0, 7)).chunks(3)))
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(drain(AsyncStream.fromIterable(range(0, 6)).chunks(3))).hasSize(2);
    }

    @Test
    void bufferedRunsSeveralAtOnceAndKeepsStreamOrder() {
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gates.add(new Gate<>("g" + i, null));
        }
        AsyncStream<Integer> s = AsyncStream.buffered(AsyncStream.fromIterable(gates), 3);
        assertThat(s.pollNext(cx())).isInstanceOf(StreamPoll.Pending.class);
        assertThat(gates.get(2).polls).hasValue(1);
        assertThat(gates.get(3).polls).hasValue(0); // limit 3
        gates.get(2).complete(2);
        gates.get(1).complete(1);
        assertThat(s.pollNext(cx())).isInstanceOf(StreamPoll.Pending.class); // g0 holds the line
        gates.get(0).complete(0);
        assertThat(s.pollNext(cx())).isEqualTo(new StreamPoll.Item<>(0));
        assertThat(s.pollNext(cx())).isEqualTo(new StreamPoll.Item<>(1));
        gates.get(3).complete(3);
        assertThat(drain(s)).containsExactly(2, 3);
    }

    @Test
    void bufferUnorderedYieldsWhateverFinishesFirst() {
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gates.add(new Gate<>("g" + i, null));
        }
        AsyncStream<Integer> s = AsyncStream.bufferUnordered(AsyncStream.fromIterable(gates), 3);
        s.pollNext(cx());
        gates.get(2).complete(2);
        assertThat(s.pollNext(cx())).isEqualTo(new StreamPoll.Item<>(2));
        gates.get(0).complete(0);
        gates.get(1).complete(1);
        assertThat(drain(s)).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void closingBufferedCancelsRunningFuturesInStreamOrderThenTheUpstream() {
        Log log = new Log();
        List<Gate<Integer>> gates = List.of(new Gate<>("g0", log), new Gate<>("g1", log));
        TrackedSource<Gate<Integer>> src = new TrackedSource<>("src", log, gates);
        AsyncStream<Integer> s = AsyncStream.buffered(src, 2);
        s.pollNext(cx());
        s.close();
        assertThat(log.events()).containsExactly("closed g0", "closed g1", "closed src");
    }

    @Test
    void forEachConcurrentRespectsTheLimit() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<Gate<Void>> started = new ArrayList<>();
        Future<Void> all = AsyncStream.fromIterable(range(0, 10)).forEachConcurrent(3, x -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Gate<Void> g = new Gate<>("g" + x, null);
            started.add(g);
            return g.inspect(v -> running.decrementAndGet());
        });
        Context cx = cx();
        while (!all.poll(cx).isReady()) {
            started.stream().filter(g -> g.polls.get() > 0).findFirst().ifPresent(g -> g.complete(null));
            started.removeIf(g -> g.polls.get() > 0 && g.closes.get() > 0);
        }
        assertThat(maxRunning).hasValue(3);
        assertThat(running).hasValue(0);
    }

    @Test
    void forEachConcurrentFailureCancelsTheOthersAndClosesTheStream() {
        Log log = new Log();
        TrackedSource<Integer> src = new TrackedSource<>("src", log, range(0, 10));
        List<Gate<Void>> gates = new ArrayList<>();
        Future<Void> all = src.forEachConcurrent(3, x -> {
            Gate<Void> g = new Gate<>("g" + x, log);
            gates.add(g);
            return g;
        });
        all.poll(cx());
        gates.get(1).fail(new IllegalStateException("g1 failed"));
        assertThatThrownBy(() -> all.poll(cx())).hasMessage("g1 failed");
        assertThat(log.events()).containsExactly("closed g1", "closed g0", "closed g2", "closed src");
    }

    @Test
    void forEachAndCollectAndNext() {
        List<Integer> seen = new ArrayList<>();
        pollToEnd(AsyncStream.fromIterable(range(0, 4)).forEach(seen::add), 10);
        assertThat(seen).containsExactly(0, 1, 2, 3);
        assertThat(pollToEnd(AsyncStream.fromIterable(List.of("a", "b")).collect(Collectors.joining(",")), 10))
                .isEqualTo("a,b");
        AsyncStream<Integer> s = AsyncStream.fromIterable(range(0, 2));
        assertThat(pollToEnd(s.next(), 1)).contains(0);
        assertThat(pollToEnd(s.next(), 1)).contains(1);
        assertThat(pollToEnd(s.next(), 1)).isEmpty();
    }

    @Test
    void closingAFoldClosesTheStream() throws Exception {
        TrackedSource<Integer> src = new TrackedSource<>("src", null, range(0, 3));
        Future<Long> f = src.then(x -> new Gate<Integer>("g", null)).fold(0L, (a, x) -> a + x);
        f.poll(cx());
        ((AutoCloseable) f).close();
        assertThat(src.closes).hasValue(1);
    }

    @Test
    void aLongPipelineOnTheRuntimeYieldsAndCompletes() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            AtomicInteger other = new AtomicInteger();
            var big = rt.spawn(AsyncStream.iterate(0L, x -> x + 1).take(1_000_000).fold(0L, Long::sum));
            var small = rt.spawn(Futures.lazy(other::incrementAndGet));
            assertThat(rt.blockOn(big)).isEqualTo(999_999L * 1_000_000L / 2);
            assertThat(rt.blockOn(small)).isEqualTo(1);
        }
    }
}
