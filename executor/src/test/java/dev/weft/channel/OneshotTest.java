package dev.weft.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Flavor;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.future.Probes.CountingWaker;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OneshotTest {

    /** The runtimes every end-to-end test runs on. */
    enum Flavour {
        MULTI_THREAD_2,
        CURRENT_THREAD;

        Runtime build() {
            return this == CURRENT_THREAD
                    ? Runtime.builder().flavor(Flavor.CURRENT_THREAD).build()
                    : Runtime.builder().workerThreads(2).build();
        }
    }

    private static <T> int flags(Oneshot<T> ch) {
        return ch.sender().shared().stateForTest();
    }

    // ------------------------------------------------------------------------------ by hand

    @Test
    void aValueSentBeforeThePollIsReadyAtOnce() {
        Oneshot<String> ch = Oneshot.channel();
        assertThat(ch.sender().send("hi")).isEqualTo(SendResult.sent());
        Context cx = new Context(new CountingWaker());
        assertThat(ch.receiver().poll(cx)).isEqualTo(Poll.ready(RecvResult.of("hi")));
        assertThatThrownBy(() -> ch.receiver().poll(cx))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polled after");
    }

    @Test
    void aPendingReceiverIsWokenOnceBySendAndThenHasTheValue() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        assertThat(ch.receiver().poll(cx).isReady()).isFalse();
        assertThat(ch.receiver().poll(cx).isReady()).isFalse(); // same task again: nothing changes
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.empty());
        ch.sender().send(7);
        assertThat(waker.wakes).hasValue(1);
        assertThat(ch.receiver().poll(cx).value()).isEqualTo(RecvResult.of(7));
    }

    @Test
    void aNewWakerReplacesTheOldOne() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        ch.receiver().poll(new Context(first));
        ch.receiver().poll(new Context(second));
        ch.sender().send(1);
        assertThat(first.wakes).hasValue(0);
        assertThat(second.wakes).hasValue(1);
    }

    @Test
    void closingTheSenderWithoutSendingGivesClosedAndWakesTheReceiver() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        assertThat(ch.receiver().poll(cx).isReady()).isFalse();
        ch.sender().close();
        ch.sender().close(); // idempotent
        assertThat(waker.wakes).hasValue(1);
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
        assertThat(ch.receiver().poll(cx).value()).isEqualTo(RecvResult.closed());
        assertThatThrownBy(() -> ch.sender().send(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closingTheSenderAfterSendingKeepsTheValue() {
        Oneshot<Integer> ch = Oneshot.channel();
        ch.sender().send(3);
        ch.sender().close();
        assertThat(ch.receiver().poll(new Context(new CountingWaker())).value())
                .isEqualTo(RecvResult.of(3));
    }

    @Test
    void aSecondSendIsAnError() {
        Oneshot<Integer> ch = Oneshot.channel();
        ch.sender().send(1);
        assertThatThrownBy(() -> ch.sender().send(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already sent");
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.of(1));
    }

    @Test
    void nullIsRejected() {
        Oneshot<Integer> ch = Oneshot.channel();
        assertThatThrownBy(() -> ch.sender().send(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }

    @Test
    void tryRecvHandsTheValueOutOnce() {
        Oneshot<String> ch = Oneshot.channel();
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.empty());
        ch.sender().send("x");
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.of("x"));
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
        assertThat(ch.receiver().poll(new Context(new CountingWaker())).value()).isEqualTo(RecvResult.closed());
    }

    @Test
    void sendToAClosedReceiverGivesTheValueBack() {
        Oneshot<String> ch = Oneshot.channel();
        assertThat(ch.sender().isClosed()).isFalse();
        ch.receiver().close();
        ch.receiver().close(); // idempotent
        assertThat(ch.sender().isClosed()).isTrue();
        String v = new String("payload");
        SendResult<String> r = ch.sender().send(v);
        assertThat(r).isInstanceOf(SendResult.Closed.class);
        assertThat(r.returnedValue()).isSameAs(v);
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
    }

    @Test
    void aValueSentBeforeTheReceiverClosedCanStillBeDrained() {
        Oneshot<String> ch = Oneshot.channel();
        ch.sender().send("kept");
        ch.receiver().close();
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.of("kept"));
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
    }

    @Test
    void aClosedReceiverPollsClosedWhenNothingWasSent() {
        Oneshot<String> ch = Oneshot.channel();
        ch.receiver().close();
        assertThat(ch.receiver().poll(new Context(new CountingWaker())).value()).isEqualTo(RecvResult.closed());
    }

    @Test
    void closedCompletesWhenTheReceiverClosesAndWakesOnce() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        Future<Void> closed = ch.sender().closed();
        assertThat(closed.poll(cx).isReady()).isFalse();
        assertThat(closed.poll(cx).isReady()).isFalse();
        ch.receiver().close();
        assertThat(waker.wakes).hasValue(1);
        assertThat(closed.poll(cx).isReady()).isTrue();
        assertThatThrownBy(() -> closed.poll(cx)).isInstanceOf(IllegalStateException.class);
        assertThat(ch.sender().closed().poll(cx).isReady()).isTrue(); // a fresh one: ready at once
    }

    @Test
    void closedStillCompletesAfterAValueWasSent() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        Future<Void> closed = ch.sender().closed();
        closed.poll(new Context(waker));
        ch.sender().send(1);
        assertThat(waker.wakes).hasValue(0);
        ch.receiver().close();
        assertThat(waker.wakes).hasValue(1);
    }

    @Test
    void closingAClosedFutureUnregistersIt() throws Exception {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        Future<Void> closed = ch.sender().closed();
        closed.poll(new Context(waker));
        assertThat(flags(ch) & OneshotState.TX_WAKER_SET).isNotZero();
        ((AutoCloseable) closed).close();
        assertThat(flags(ch) & OneshotState.TX_WAKER_SET).isZero();
        ch.receiver().close();
        assertThat(waker.wakes).hasValue(0);
        assertThatThrownBy(() -> closed.poll(new Context(waker))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAnOlderClosedFutureLeavesTheNewerRegistration() throws Exception {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker a = new CountingWaker();
        CountingWaker b = new CountingWaker();
        Future<Void> first = ch.sender().closed();
        Future<Void> second = ch.sender().closed();
        first.poll(new Context(a));
        second.poll(new Context(b));
        ((AutoCloseable) first).close();
        ch.receiver().close();
        assertThat(a.wakes).hasValue(0);
        assertThat(b.wakes).hasValue(1);
    }

    @Test
    void aReceiverClosedWhileWaitingDropsItsRegistration() {
        Oneshot<Integer> ch = Oneshot.channel();
        CountingWaker waker = new CountingWaker();
        ch.receiver().poll(new Context(waker));
        assertThat(flags(ch) & OneshotState.RX_WAKER_SET).isNotZero();
        ch.receiver().close();
        assertThat(flags(ch) & OneshotState.RX_WAKER_SET).isZero();
        assertThat(ch.sender().send(5)).isEqualTo(new SendResult.Closed<>(5));
        assertThat(waker.wakes).hasValue(0);
    }

    // ------------------------------------------------------------------------------ in a runtime

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aReplyCrossesBetweenTasks(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Oneshot<String> ch = Oneshot.channel();
            JoinHandle<RecvResult<String>> rx = rt.spawn(ch.receiver());
            JoinHandle<SendResult<String>> tx = rt.spawn(Task.yieldNow().map(v -> ch.sender().send("reply")));
            assertThat(rt.blockOn(rx)).isEqualTo(RecvResult.of("reply"));
            assertThat(rt.blockOn(tx)).isEqualTo(SendResult.sent());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aProducerStopsWhenTheReceiverIsDropped(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Oneshot<String> ch = Oneshot.channel();
            JoinHandle<Futures.Selected<Void>> producer = rt.spawn(
                    Futures.select(Futures.<Void>pending(), ch.sender().closed()));
            JoinHandle<RecvResult<String>> consumer = rt.spawn(ch.receiver());
            rt.blockOn(Task.yieldNow());
            consumer.abort();
            assertThat(rt.blockOn(producer).index()).isEqualTo(1);
            assertThat(ch.sender().send("late")).isEqualTo(new SendResult.Closed<>("late"));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void receivingSpendsBudget(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            List<Oneshot.Receiver<Integer>> rxs = new ArrayList<>();
            for (int i = 0; i < Budget.PER_POLL + 10; i++) {
                Oneshot<Integer> ch = Oneshot.channel();
                ch.sender().send(i);
                rxs.add(ch.receiver());
            }
            int readyInFirstPoll = rt.blockOn(rt.spawn(cx -> {
                int n = 0;
                for (Oneshot.Receiver<Integer> rx : rxs) {
                    if (!rx.poll(cx).isReady()) {
                        break;
                    }
                    n++;
                }
                return Poll.ready(n);
            }));
            assertThat(readyInFirstPoll).isEqualTo(Budget.PER_POLL);
        }
    }

    /**
     * Many request/reply pairs with random delays, dropped senders, timeouts and aborted receivers:
     * every value is received exactly once or handed back to its sender, never both, never lost.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void everyValueIsReceivedOnceOrReturnedToItsSender(Flavour flavour) {
        int pairs = 3000;
        Random rnd = new Random(20240605L + flavour.ordinal());
        AtomicIntegerArray received = new AtomicIntegerArray(pairs);
        AtomicIntegerArray returned = new AtomicIntegerArray(pairs);
        boolean[] dropped = new boolean[pairs];
        List<Oneshot.Receiver<Integer>> receivers = new ArrayList<>();
        List<JoinHandle<Void>> producers = new ArrayList<>();
        List<JoinHandle<Void>> consumers = new ArrayList<>();
        try (Runtime rt = flavour.build()) {
            for (int i = 0; i < pairs; i++) {
                final int id = i;
                Oneshot<Integer> ch = Oneshot.channel();
                receivers.add(ch.receiver());
                Duration work = Duration.ofNanos(1000L * rnd.nextInt(1500));
                boolean drop = rnd.nextInt(10) == 0;
                dropped[i] = drop;
                producers.add(rt.spawn(Futures.select(Time.sleep(work), ch.sender().closed()).map(sel -> {
                    if (drop) {
                        ch.sender().close();
                        return null;
                    }
                    SendResult<Integer> r = ch.sender().send(id);
                    if (sel.index() == 1) {
                        assertThat(r).isEqualTo(new SendResult.Closed<>(id)); // closed stays closed
                    }
                    if (r instanceof SendResult.Closed<Integer>(Integer v)) {
                        returned.incrementAndGet(v);
                    }
                    return null;
                })));
                Future<RecvResult<Integer>> recv = rnd.nextInt(3) == 0
                        ? Time.timeout(Duration.ofNanos(1000L * rnd.nextInt(1500)), ch.receiver())
                        : ch.receiver();
                JoinHandle<Void> consumer = rt.spawn(new Consume(recv, received));
                consumers.add(consumer);
                if (rnd.nextInt(6) == 0) {
                    consumer.abort();
                }
            }
            for (JoinHandle<Void> p : producers) {
                rt.blockOn(p);
            }
            for (JoinHandle<Void> c : consumers) {
                try {
                    rt.blockOn(c);
                } catch (JoinError e) {
                    assertThat(e.isCancelled()).as("only aborts may fail a consumer: %s", e).isTrue();
                }
            }
        }
        int drained = 0;
        for (int i = 0; i < pairs; i++) {
            RecvResult<Integer> r = receivers.get(i).tryRecv(); // a value sent just before the close
            if (r instanceof RecvResult.Value<Integer>(Integer v)) {
                received.incrementAndGet(v);
                drained++;
            } else {
                assertThat(r).isEqualTo(RecvResult.closed());
            }
        }
        int returnedCount = 0;
        for (int i = 0; i < pairs; i++) {
            int total = received.get(i) + returned.get(i);
            assertThat(total).as("value %d: received %d, returned %d", i, received.get(i), returned.get(i))
                    .isEqualTo(dropped[i] ? 0 : 1);
            returnedCount += returned.get(i);
        }
        // the mix really happened (guards against a test that silently exercises one path only)
        assertThat(returnedCount).as("values handed back").isPositive();
        assertThat(drained + returnedCount).isLessThan(pairs);
    }

    /** A consumer task: counts a received value; a timeout is an ordinary outcome. */
    private static final class Consume implements Future<Void>, AutoCloseable {
        private final Future<RecvResult<Integer>> recv;
        private final AtomicIntegerArray received;

        Consume(Future<RecvResult<Integer>> recv, AtomicIntegerArray received) {
            this.recv = recv;
            this.received = received;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Poll<RecvResult<Integer>> p;
            try {
                p = recv.poll(cx);
            } catch (Elapsed e) {
                return Poll.ready(null); // the timeout closed the receiver; the test drains it
            }
            if (p instanceof Poll.Ready<RecvResult<Integer>>(RecvResult<Integer> r)) {
                if (r instanceof RecvResult.Value<Integer>(Integer v)) {
                    received.incrementAndGet(v);
                }
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        @Override
        public void close() throws Exception {
            ((AutoCloseable) recv).close();
        }
    }
}
