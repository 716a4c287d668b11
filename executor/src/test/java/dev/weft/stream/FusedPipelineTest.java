package dev.weft.stream;

import static dev.weft.future.Probes.cx;
import static dev.weft.future.Probes.pollToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Poll;
import dev.weft.Runtime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The fused paths ({@link Cursor#pull} and {@link Cursor#drain}) behave exactly as the general
 * {@code pollNext} path.
 */
class FusedPipelineTest {

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** A source that supports the fused path and counts how it is driven. */
    static final class TrackedCursor implements AsyncStream<Integer>, Cursor<Integer> {
        final Iterator<Integer> it;
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        TrackedCursor(List<Integer> items) {
            it = items.iterator();
        }

        @Override
        public Object pull(Context cx) {
            pulls.incrementAndGet();
            return it.hasNext() ? it.next() : Cursor.END;
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public StreamPoll<Integer> pollNext(Context cx) {
            polls.incrementAndGet();
            return it.hasNext() ? StreamPoll.item(it.next()) : StreamPoll.end();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** Hides the fused capability: forces the general path. */
    private static <T> AsyncStream<T> opaque(AsyncStream<T> s) {
        return new AsyncStream<>() {
            @Override
            public StreamPoll<T> pollNext(Context cx) {
                return s.pollNext(cx);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private static final List<Function<AsyncStream<Integer>, AsyncStream<Integer>>> PIPELINES = List.of(
            s -> s.map(x -> x * 3).filter(x -> x % 2 == 0),
            s -> s.skip(5).take(20).map(x -> x + 1),
            s -> s.filterMap(x -> x % 3 == 0 ? Optional.of(x / 3) : Optional.empty()).takeWhile(x -> x < 17),
            s -> s.take(0),
            s -> s.skip(1_000));

    /** The two kinds of fromIterable source: an indexed RandomAccess list, and any iterable. */
    private static final List<Function<List<Integer>, Iterable<Integer>>> SOURCES = List.of(
            list -> list,
            list -> list::iterator);

    @Test
    void fusedAndGeneralPathsAgree() {
        for (var source : SOURCES) {
            for (var p : PIPELINES) {
                AsyncStream<Integer> fused = p.apply(AsyncStream.fromIterable(source.apply(range(0, 100))));
                AsyncStream<Integer> general = p.apply(opaque(AsyncStream.fromIterable(source.apply(range(0, 100)))));
                assertThat(Cursor.of(fused)).isNotNull();
                assertThat(Cursor.of(general)).isNull();
                assertThat(pollToEnd(fused.collect(Collectors.toList()), 10))
                        .isEqualTo(pollToEnd(general.collect(Collectors.toList()), 10));
            }
        }
        assertThat(pollToEnd(AsyncStream.iterate(1, x -> x * 2).map(x -> x + 1).take(4).fold(0, Integer::sum), 1))
                .isEqualTo(2 + 3 + 5 + 9);
        assertThat(pollToEnd(AsyncStream.<Integer, Integer>unfold(0,
                s -> Futures.ready(s < 3 ? new AsyncStream.Step<>(s * 10, s + 1) : null)).map(x -> x + 1)
                .collect(Collectors.toList()), 1)).containsExactly(1, 11, 21);
        assertThat(pollToEnd(AsyncStream.once(7).map(x -> x * 2).collect(Collectors.toList()), 1)).containsExactly(14);
        assertThat(pollToEnd(AsyncStream.<Integer>empty().map(x -> x).collect(Collectors.toList()), 1)).isEmpty();
    }

    @Test
    void anUnfusedStageAnywhereFallsBackToTheGeneralPath() {
        assertThat(Cursor.of(AsyncStream.fromIterable(range(0, 3)).chunks(2).map(List::size))).isNull();
        assertThat(Cursor.of(opaque(AsyncStream.fromIterable(range(0, 3))).map(x -> x))).isNull();
        assertThat(Cursor.of(AsyncStream.fromIterable(range(0, 3)).then(Futures::ready).map(x -> x))).isNull();
    }

    @Test
    void theFoldPullsWithoutPollingAndClosesTheSourceOnce() {
        TrackedCursor src = new TrackedCursor(range(0, 100));
        assertThat(pollToEnd(src.map(x -> x + 1).take(3).fold(0, Integer::sum), 1)).isEqualTo(6);
        assertThat(src.pulls).hasValue(3); // take ends without pulling a fourth item
        assertThat(src.polls).hasValue(0);
        assertThat(src.closes).hasValue(1);

        TrackedCursor src2 = new TrackedCursor(range(0, 5));
        assertThat(pollToEnd(src2.filter(x -> true).forEach(x -> {}), 1)).isNull();
        assertThat(src2.pulls).hasValue(6);
        assertThat(src2.closes).hasValue(1);
    }

    @Test
    void aFailureInAFusedStageClosesTheSourceOnceAndPropagates() {
        TrackedCursor src = new TrackedCursor(range(0, 100));
        Future<Integer> f = src.map(x -> x).filter(x -> {
            if (x == 5) {
                throw new IllegalArgumentException("bad item");
            }
            return true;
        }).fold(0, Integer::sum);
        assertThatThrownBy(() -> f.poll(cx())).hasMessage("bad item");
        assertThat(src.closes).hasValue(1);
        assertThatThrownBy(() -> f.poll(cx())).isInstanceOf(IllegalStateException.class);

        TrackedCursor src2 = new TrackedCursor(range(0, 3));
        assertThatThrownBy(() -> pollToEnd(src2.map(x -> (Integer) null).fold(0, Integer::sum), 1))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("must not be null");
        assertThat(src2.closes).hasValue(1);
    }

    @Test
    void aFusedAdapterEndsLikeTheGeneralOne() {
        AsyncStream<Integer> s = AsyncStream.fromIterable(range(0, 2)).map(x -> x);
        Cursor<Integer> c = Cursor.of(s);
        assertThat(c.pull(cx())).isEqualTo(0);
        assertThat(s.pollNext(cx())).isEqualTo(new StreamPoll.Item<>(1)); // the two paths mix freely
        assertThat(c.pull(cx())).isSameAs(Cursor.END);
        assertThatThrownBy(() -> c.pull(cx())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.pollNext(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void foldLongAgreesWithFoldOnBothPathsAndBoxesNothingPerItem() {
        for (var p : PIPELINES) {
            long viaFold = pollToEnd(p.apply(AsyncStream.fromIterable(range(0, 100))).fold(0L, (a, x) -> a + x), 10);
            assertThat(pollToEnd(p.apply(AsyncStream.fromIterable(range(0, 100))).foldLong(0L, (a, x) -> a + x), 10))
                    .isEqualTo(viaFold);
            assertThat(pollToEnd(p.apply(opaque(AsyncStream.fromIterable(range(0, 100)))).foldLong(0L, (a, x) -> a + x), 10))
                    .isEqualTo(viaFold);
        }
        assertThat(pollToEnd(AsyncStream.<String>empty().foldLong(42L, (a, s) -> a + s.length()), 1)).isEqualTo(42L);
        assertThat(pollToEnd(AsyncStream.iterate(1, x -> x + 1).take(5).foldLong(0L, (a, x) -> a * 10 + x), 1))
                .isEqualTo(12345L);
    }

    @Test
    void aDrainedTakeNeverPullsAnItemPastItsCount() {
        AtomicInteger nexts = new AtomicInteger();
        Iterable<Integer> counting = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                nexts.incrementAndGet();
                return i++;
            }
        };
        assertThat(pollToEnd(AsyncStream.fromIterable(counting).map(x -> x * 2).take(4).foldLong(0L, (a, x) -> a + x), 1))
                .isEqualTo(0 + 2 + 4 + 6);
        assertThat(nexts).hasValue(4);
        nexts.set(0);
        assertThat(pollToEnd(AsyncStream.fromIterable(counting).skip(2).takeWhile(x -> x < 5).collect(Collectors.toList()), 1))
                .containsExactly(2, 3, 4);
        assertThat(nexts).hasValue(6); // 0, 1 skipped; 5 rejected and dropped
    }

    @Test
    void aFailureInTheConsumerClosesEveryStageOnceAndPropagates() {
        TrackedCursor src = new TrackedCursor(range(0, 100));
        Future<Long> f = src.map(x -> x).filter(x -> true).foldLong(0L, (a, x) -> {
            if (x == 7) {
                throw new IllegalStateException("bad accumulation");
            }
            return a + x;
        });
        assertThatThrownBy(() -> f.poll(cx())).hasMessage("bad accumulation");
        assertThat(src.closes).hasValue(1);
        assertThat(src.pulls).hasValue(8);
        assertThatThrownBy(() -> f.poll(cx())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("foldLong");
    }

    @Test
    void aListThatChangesSizeWhileStreamedFailsWithConcurrentModification() {
        List<Integer> list = new ArrayList<>(range(0, 10));
        Future<Long> drained = AsyncStream.fromIterable(list).map(x -> {
            if (x == 3) {
                list.add(99);
            }
            return x;
        }).foldLong(0L, (a, x) -> a + x);
        assertThatThrownBy(() -> drained.poll(cx())).isInstanceOf(java.util.ConcurrentModificationException.class)
                .hasMessageContaining("changed size from 10 to 11");

        List<Integer> list2 = new ArrayList<>(range(0, 10));
        AsyncStream<Integer> pulled = AsyncStream.fromIterable(list2);
        assertThat(pulled.pollNext(cx())).isEqualTo(new StreamPoll.Item<>(0));
        list2.remove(5);
        assertThatThrownBy(() -> pulled.pollNext(cx())).isInstanceOf(java.util.ConcurrentModificationException.class);
    }

    @Test
    void closingAFusedFoldClosesTheSourceOnce() throws Exception {
        TrackedCursor src = new TrackedCursor(range(0, 3));
        Future<Integer> f = src.map(x -> x).fold(0, Integer::sum);
        ((AutoCloseable) f).close();
        ((AutoCloseable) f).close();
        assertThat(src.closes).hasValue(1);
    }

    @Test
    void aFusedFoldOnTheRuntimeSpendsTheBudgetPerItemAndYields() {
        int items = 10 * Budget.PER_POLL + 7;
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            List<Integer> perPoll = new ArrayList<>();
            AtomicInteger seen = new AtomicInteger();
            Future<Long> fold = AsyncStream.fromIterable(range(0, items)).map(x -> {
                seen.incrementAndGet();
                return x;
            }).filter(x -> true).fold(0L, (a, x) -> a + x);
            assertThat(Cursor.of(AsyncStream.fromIterable(range(0, 1)).map(x -> x).filter(x -> true))).isNotNull();
            Future<Long> counted = cx -> {
                int before = seen.get();
                Poll<Long> p = fold.poll(cx);
                perPoll.add(seen.get() - before);
                return p;
            };
            AtomicInteger other = new AtomicInteger();
            var big = rt.spawn(counted);
            var small = rt.spawn(Futures.lazy(other::incrementAndGet));
            assertThat(rt.blockOn(big)).isEqualTo((long) items * (items - 1) / 2);
            assertThat(rt.blockOn(small)).isEqualTo(1);
            assertThat(perPoll).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(Budget.PER_POLL));
            assertThat(perPoll).hasSize(items / Budget.PER_POLL + 1);
        }
    }
    /**
     * The sources pay their budget per run of items, not per item: the charge must still be one
     * unit per item delivered, whether the run ends at the end of the source, at a stopping
     * {@code take}, or at the budget's end, for a list source and a plain iterator alike.
     */
    @Test
    void aFusedDrainChargesOneUnitPerItemDeliveredForListAndIteratorSources() {
        record Case(String name, Function<List<Integer>, AsyncStream<Integer>> source, int items, int take) {}
        List<Case> cases = new ArrayList<>();
        for (int items : new int[] {0, 1, 5, Budget.PER_POLL - 1, Budget.PER_POLL, Budget.PER_POLL + 1}) {
            cases.add(new Case("list", AsyncStream::fromIterable, items, Integer.MAX_VALUE));
            cases.add(new Case("iterator", l -> AsyncStream.fromIterable(l::iterator), items, Integer.MAX_VALUE));
        }
        cases.add(new Case("list+take", AsyncStream::fromIterable, 50, 7));
        cases.add(new Case("iterator+take", l -> AsyncStream.fromIterable(l::iterator), 50, 7));
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            for (Case c : cases) {
                List<int[]> polls = new ArrayList<>(); // {budget before, budget after} of each poll
                Future<Long> fold = c.source().apply(range(0, c.items())).map(x -> x).take(c.take())
                        .foldLong(0L, (a, x) -> a + 1);
                Future<Long> counted = cx -> {
                    int before = Budget.remaining(cx);
                    Poll<Long> p = fold.poll(cx);
                    polls.add(new int[] {before, Budget.remaining(cx)});
                    return p;
                };
                long delivered = rt.blockOn(rt.spawn(counted));
                int charged = polls.stream().mapToInt(p -> p[0] - p[1]).sum();
                assertThat(delivered).as(c.name() + " of " + c.items()).isEqualTo(Math.min(c.items(), c.take()));
                assertThat(charged).as(c.name() + " of " + c.items()).isEqualTo((int) delivered);
                assertThat(polls).as(c.name() + " of " + c.items()).hasSize(Math.max(1, ((int) delivered + Budget.PER_POLL - 1) / Budget.PER_POLL));
            }
        }
    }
    /** The iterator source asks {@code hasNext} once per item plus once at the end, as a for-each loop does. */
    @Test
    void aDrainedIteratorIsAskedHasNextOncePerItemAndOnceAtTheEnd() {
        for (int items : new int[] {0, 1, 5, Budget.PER_POLL, Budget.PER_POLL + 1}) {
            AtomicInteger asks = new AtomicInteger();
            List<Integer> list = range(0, items);
            Iterable<Integer> counted = () -> new Iterator<>() {
                private final Iterator<Integer> it = list.iterator();

                @Override
                public boolean hasNext() {
                    asks.incrementAndGet();
                    return it.hasNext();
                }

                @Override
                public Integer next() {
                    return it.next();
                }
            };
            long n = pollToEnd(AsyncStream.fromIterable(counted).map(x -> x).foldLong(0L, (a, x) -> a + 1), 10);
            assertThat(n).isEqualTo(items);
            assertThat(asks).as(items + " items").hasValue(items + 1);
        }
    }
}
