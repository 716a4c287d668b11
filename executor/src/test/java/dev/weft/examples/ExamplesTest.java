package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.future.Probes;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    /** A shop whose calls each take one yield, as a network round trip would take a wake-up. */
    private static final OrderTotal.Shop SHOP = new OrderTotal.Shop() {
        @Override
        public Future<Long> lookupUser(String user) {
            return Task.yieldNow().map(v -> (long) user.length());
        }

        @Override
        public Future<List<Integer>> loadOrders(long id) {
            return Task.yieldNow().map(v -> List.of((int) id, 10, 100));
        }
    };

    @Test
    void stateMachineAndCombinatorsAgree() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            assertThat(rt.blockOn(rt.spawn(new OrderTotal(SHOP, "alice")))).isEqualTo(115);
            assertThat(rt.blockOn(rt.spawn(OrderTotal.withCombinators(SHOP, "alice")))).isEqualTo(115);
        }
    }

    @Test
    void stateMachineFailsLoudlyWhenPolledAfterCompletion() {
        OrderTotal t = new OrderTotal(new Instant(), "bob");
        assertThat(Probes.pollToEnd(t, 3)).isEqualTo(3 + 10 + 100);
        assertThatThrownBy(() -> t.poll(Probes.cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheStateMachineCancelsWhatItAwaits() {
        Log log = new Log();
        Gate<Long> lookup = new Gate<>("lookup", log);
        Gate<List<Integer>> orders = new Gate<>("orders", log);
        OrderTotal.Shop shop = new OrderTotal.Shop() {
            @Override
            public Future<Long> lookupUser(String user) {
                return lookup;
            }

            @Override
            public Future<List<Integer>> loadOrders(long id) {
                return orders;
            }
        };
        OrderTotal t = new OrderTotal(shop, "carol");
        t.poll(Probes.cx());
        lookup.complete(1L);
        t.poll(Probes.cx()); // now awaiting the orders
        t.close();
        assertThat(log.events()).containsExactly("closed lookup", "closed orders");

        // the combinator version closes the same things in the same order
        Log log2 = new Log();
        Gate<Long> lookup2 = new Gate<>("lookup", log2);
        Gate<List<Integer>> orders2 = new Gate<>("orders", log2);
        Future<Integer> c = lookup2.then(id -> orders2).map(OrderTotal::sum);
        c.poll(Probes.cx());
        lookup2.complete(1L);
        c.poll(Probes.cx());
        Futures.cancel(c);
        assertThat(log2.events()).containsExactly("closed lookup", "closed orders");
    }

    @Test
    void aFailingAwaitFinishesTheMachine() {
        OrderTotal.Shop failing = new OrderTotal.Shop() {
            @Override
            public Future<Long> lookupUser(String user) {
                return Futures.failed(new IllegalArgumentException("no such user"));
            }

            @Override
            public Future<List<Integer>> loadOrders(long id) {
                throw new AssertionError("never reached");
            }
        };
        OrderTotal t = new OrderTotal(failing, "dave");
        assertThatThrownBy(() -> t.poll(Probes.cx())).hasMessage("no such user");
        assertThatThrownBy(() -> t.poll(Probes.cx())).isInstanceOf(IllegalStateException.class);
    }

    /** Everything ready at once, for polling by hand. */
    private static final class Instant implements OrderTotal.Shop {
        @Override
        public Future<Long> lookupUser(String user) {
            return Futures.ready((long) user.length());
        }

        @Override
        public Future<List<Integer>> loadOrders(long id) {
            return Futures.ready(List.of((int) id, 10, 100));
        }
    }

    @Test
    void gracefulShutdownEveryWorkerCleansUpAndReports() throws Exception {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            AtomicInteger units = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(1_000);
            List<GracefulShutdown.Report> reports = rt.blockOn(GracefulShutdown.run(rt.handle(), 4,
                    worker -> Task.yieldNow().inspect(v -> {
                        units.incrementAndGet();
                        enough.countDown();
                    }),
                    rt.spawnBlocking(() -> {
                        enough.await();
                        return null;
                    })));
            assertThat(reports).hasSize(4);
            assertThat(reports).allSatisfy(r -> assertThat(r.cleanedUp()).isTrue());
            assertThat(reports.stream().mapToInt(GracefulShutdown.Report::unitsDone).sum()).isEqualTo(units.get());
            assertThat(reports.stream().map(GracefulShutdown.Report::worker)).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    /** The course's channel and sync demos (parts 4 and 5), under paused time on both flavours. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(dev.weft.testkit.RuntimeFlavour.class)
    void channelAndSyncPatternsBehaveAsTheCourseDescribes(dev.weft.testkit.RuntimeFlavour flavour) {
        try (Runtime rt = flavour.builder().startPaused(true).build()) {
            assertThat(rt.blockOn(ChannelPatterns.mpscFanIn())).containsExactlyInAnyOrder(
                    "message from producer 0", "message from producer 1", "message from producer 2");
            assertThat(rt.blockOn(ChannelPatterns.broadcastToSubscribers()))
                    .containsExactly("hello everyone", "hello everyone");
            assertThat(rt.blockOn(ChannelPatterns.watchForChange())).isEqualTo("updated");
            assertThat(rt.blockOn(ChannelPatterns.oneshotReply())).isEqualTo("single response");
            assertThat(rt.blockOn(ChannelPatterns.mutexHeldAcrossAwait())).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            assertThat(rt.blockOn(ChannelPatterns.semaphoreBoundsConcurrency())).isEqualTo(3);
            assertThat(rt.blockOn(ChannelPatterns.barrierWithLeader()))
                    .filteredOn(dev.weft.sync.BarrierWaitResult::isLeader).hasSize(1);
        }
    }
}
