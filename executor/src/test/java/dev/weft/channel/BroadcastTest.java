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
import dev.weft.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BroadcastTest {

    // ---------------------------------------------------------------- ordering and subscription

    @Test
    void eachReceiverSeesEveryValueInOrder() {
        Broadcast<String> ch = Broadcast.channel(8);
        Broadcast.Receiver<String> a = ch.receiver();
        Broadcast.Receiver<String> b = ch.sender().subscribe();
        for (String s : List.of("a", "b", "c")) {
            assertThat(ch.sender().send(s).isSent()).isTrue();
        }
        assertThat(drain(a)).containsExactly("a", "b", "c");
        assertThat(recvNow(b)).isEqualTo(RecvResult.of("a"));
        assertThat(recvNow(b)).isEqualTo(RecvResult.of("b"));
        assertThat(recvNow(b)).isEqualTo(RecvResult.of("c"));
        assertThat(b.tryRecv()).isSameAs(RecvResult.empty());
    }

    @Test
    void subscribingMidStreamSeesOnlyLaterValues() {
        Broadcast<Integer> ch = Broadcast.channel(8);
        ch.sender().send(1);
        ch.sender().send(2);
        Broadcast.Receiver<Integer> late = ch.sender().subscribe();
        assertThat(late.tryRecv()).isSameAs(RecvResult.empty());
        ch.sender().send(3);
        assertThat(drain(late)).containsExactly(3);
        assertThat(drain(ch.receiver())).containsExactly(1, 2, 3);
    }

    @Test
    void aReceiverSubscribedAfterTheRingWrappedStartsAtTheTail() {
        Broadcast<Integer> ch = Broadcast.channel(2);
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        Broadcast.Receiver<Integer> late = ch.sender().subscribe();
        assertThat(late.tryRecv()).isSameAs(RecvResult.empty()); // the old slots are not its values
        ch.sender().send(5);
        assertThat(drain(late)).containsExactly(5);
    }

    // ---------------------------------------------------------------- lagging

    @Test
    void aReceiverThatFellBehindGetsLaggedThenTheValuesStillHeld() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        for (int i = 1; i <= 10; i++) {
            ch.sender().send(i);
        }
        Broadcast.Receiver<Integer> rx = ch.receiver();
        assertThat(rx.tryRecv()).isEqualTo(new RecvResult.Lagged<Integer>(6));
        assertThat(drain(rx)).containsExactly(7, 8, 9, 10);
        assertThat(rx.tryRecv()).isSameAs(RecvResult.empty());
    }

    @Test
    void recvReportsLagToo() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        for (int i = 1; i <= 10; i++) {
            ch.sender().send(i);
        }
        Broadcast.Receiver<Integer> rx = ch.receiver();
        assertThat(recvNow(rx)).isEqualTo(new RecvResult.Lagged<Integer>(6));
        assertThat(recvNow(rx)).isEqualTo(RecvResult.of(7));
    }

    @Test
    void sendingExactlyCapacityLosesNothingAndOneMoreLosesOne() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Receiver<Integer> exact = ch.receiver();
        Broadcast.Receiver<Integer> over = exact.copy();
        for (int i = 1; i <= 4; i++) {
            ch.sender().send(i);
        }
        assertThat(drain(exact)).containsExactly(1, 2, 3, 4);
        ch.sender().send(5);
        assertThat(over.tryRecv()).isEqualTo(new RecvResult.Lagged<Integer>(1));
        assertThat(drain(over)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void aLaggedReceiverStillDrainsBeforeClosed() {
        Broadcast<Integer> ch = Broadcast.channel(2);
        for (int i = 1; i <= 5; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        Broadcast.Receiver<Integer> rx = ch.receiver();
        assertThat(rx.tryRecv()).isEqualTo(new RecvResult.Lagged<Integer>(3));
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(4));
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(5));
        assertThat(rx.tryRecv()).isSameAs(RecvResult.closed());
        assertThat(rx.tryRecv()).isSameAs(RecvResult.closed());
    }

    // ---------------------------------------------------------------- closing

    @Test
    void sendWithNoReceiverReturnsTheValueAndStoresNothing() {
        Broadcast<String> ch = Broadcast.channel(4);
        ch.sender().send("kept");
        ch.receiver().close();
        assertThat(ch.sender().receiverCount()).isZero();
        assertThat(ch.sender().send("lost")).isEqualTo(new SendResult.Closed<>("lost"));
        Broadcast.Receiver<String> again = ch.sender().subscribe();
        assertThat(again.tryRecv()).isSameAs(RecvResult.empty());
        assertThat(ch.sender().send("seen").isSent()).isTrue();
        assertThat(drain(again)).containsExactly("seen");
    }

    @Test
    void closingTheLastSenderLetsReceiversDrainThenClosed() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Sender<Integer> second = ch.sender().copy();
        ch.sender().send(1);
        second.send(2);
        ch.sender().close();
        Broadcast.Receiver<Integer> rx = ch.receiver();
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(1));
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(2));
        assertThat(rx.tryRecv()).isSameAs(RecvResult.empty()); // a copy is still open
        second.send(3);
        second.close();
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(3));
        assertThat(rx.tryRecv()).isSameAs(RecvResult.closed());
        assertThat(recvNow(rx)).isSameAs(RecvResult.closed());
    }

    @Test
    void closingTheLastSenderWakesAWaitingReceive() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        CountingWaker waker = new CountingWaker();
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        assertThat(recv.poll(new Context(waker)).isReady()).isFalse();
        ch.sender().close();
        assertThat(waker.wakes).hasValue(1);
        assertThat(recv.poll(new Context(waker)).value()).isSameAs(RecvResult.closed());
    }

    @Test
    void senderCloseIsIdempotentPerHandle() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Sender<Integer> copy = ch.sender().copy();
        copy.close();
        copy.close(); // must not count as the original's close
        assertThat(ch.receiver().tryRecv()).isSameAs(RecvResult.empty());
        ch.sender().close();
        assertThat(ch.receiver().tryRecv()).isSameAs(RecvResult.closed());
    }

    @Test
    void aClosedSenderHandleCannotBeUsed() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Sender<Integer> copy = ch.sender().copy();
        copy.close();
        assertThatThrownBy(() -> copy.send(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(copy::subscribe).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(copy::copy).isInstanceOf(IllegalStateException.class);
        assertThat(ch.sender().send(1).isSent()).isTrue(); // the other handle is unaffected
    }

    @Test
    void receiverCloseIsIdempotentAndCounted() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Receiver<Integer> copy = ch.receiver().copy();
        Broadcast.Receiver<Integer> sub = ch.sender().subscribe();
        assertThat(ch.sender().receiverCount()).isEqualTo(3);
        copy.close();
        copy.close();
        assertThat(ch.sender().receiverCount()).isEqualTo(2);
        ch.receiver().close();
        sub.close();
        assertThat(ch.sender().receiverCount()).isZero();
        assertThat(ch.sender().send(9).isSent()).isFalse();
        assertThatThrownBy(copy::tryRecv).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(copy::recv).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(copy::copy).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- copy

    @Test
    void aReceiverCopyStartsAtTheSamePositionThenMovesOnItsOwn() {
        Broadcast<Integer> ch = Broadcast.channel(8);
        for (int i = 1; i <= 3; i++) {
            ch.sender().send(i);
        }
        Broadcast.Receiver<Integer> rx = ch.receiver();
        assertThat(rx.tryRecv()).isEqualTo(RecvResult.of(1));
        Broadcast.Receiver<Integer> copy = rx.copy();
        assertThat(drain(copy)).containsExactly(2, 3);
        assertThat(drain(rx)).containsExactly(2, 3);
        rx.close();
        ch.sender().send(4);
        assertThat(drain(copy)).containsExactly(4); // still open: a separate handle
    }

    @Test
    void aSenderCopySendsIntoTheSameChannel() {
        Broadcast<Integer> ch = Broadcast.channel(8);
        Broadcast.Sender<Integer> copy = ch.sender().copy();
        ch.sender().send(1);
        copy.send(2);
        assertThat(drain(ch.receiver())).containsExactly(1, 2);
        assertThat(copy.receiverCount()).isEqualTo(1);
        assertThat(copy.capacity()).isEqualTo(8);
    }

    // ---------------------------------------------------------------- the recv future

    @Test
    void aWaitingReceiveIsWokenOnceBySendAndReturnsTheValue() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        assertThat(recv.poll(cx).isReady()).isFalse();
        assertThat(recv.poll(cx).isReady()).isFalse(); // a re-poll keeps one registration
        assertThat(ch.receiver().ring().waiterCount()).isEqualTo(1);
        ch.sender().send(7);
        ch.sender().send(8);
        assertThat(waker.wakes).hasValue(1);
        assertThat(ch.receiver().ring().waiterCount()).isZero();
        assertThat(recv.poll(cx).value()).isEqualTo(RecvResult.of(7));
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.of(8));
    }

    @Test
    void everyWaitingReceiverIsWokenBySend() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Broadcast.Receiver<Integer> other = ch.sender().subscribe();
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        Future<RecvResult<Integer>> r1 = ch.receiver().recv();
        Future<RecvResult<Integer>> r2 = other.recv();
        r1.poll(new Context(w1));
        r2.poll(new Context(w2));
        ch.sender().send(1);
        assertThat(w1.wakes).hasValue(1);
        assertThat(w2.wakes).hasValue(1);
        assertThat(r1.poll(new Context(w1)).value()).isEqualTo(RecvResult.of(1));
        assertThat(r2.poll(new Context(w2)).value()).isEqualTo(RecvResult.of(1));
    }

    @Test
    void aClosedReceiveLeavesNoWaiterAndConsumesNothing() throws Exception {
        Broadcast<Integer> ch = Broadcast.channel(4);
        CountingWaker waker = new CountingWaker();
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        assertThat(recv.poll(new Context(waker)).isReady()).isFalse();
        ((AutoCloseable) recv).close();
        assertThat(ch.receiver().ring().waiterCount()).isZero();
        ch.sender().send(1);
        assertThat(waker.wakes).hasValue(0);
        assertThat(recvNow(ch.receiver())).isEqualTo(RecvResult.of(1)); // cancel safe
        assertThatThrownBy(() -> recv.poll(new Context(waker))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAReceiverDropsItsQueuedReceive() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        CountingWaker waker = new CountingWaker();
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        recv.poll(new Context(waker));
        ch.receiver().close();
        assertThat(ch.receiver().ring().waiterCount()).isZero();
        assertThatThrownBy(() -> recv.poll(new Context(waker))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aReceivePolledAfterItReturnedFails() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        ch.sender().send(1);
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        Context cx = new Context(Waker.noop());
        assertThat(recv.poll(cx).value()).isEqualTo(RecvResult.of(1));
        assertThatThrownBy(() -> recv.poll(cx)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after it returned");
    }

    @Test
    void aReceiveReadyAfterASpuriousPollLeavesNoWaiter() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        Context cx = new Context(Waker.noop());
        recv.poll(cx);
        assertThat(ch.receiver().ring().waiterCount()).isEqualTo(1);
        ch.sender().send(1);
        assertThat(recv.poll(cx).isReady()).isTrue();
        assertThat(ch.receiver().ring().waiterCount()).isZero();
    }

    // ---------------------------------------------------------------- arguments

    @Test
    void capacityIsValidatedAndRoundedUpToAPowerOfTwo() {
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE, (1 << 30) + 1, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> Broadcast.channel(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capacity must be between 1 and " + (1 << 30))
                    .hasMessageContaining(String.valueOf(bad));
        }
        assertThat(Broadcast.channel(1).sender().capacity()).isEqualTo(1);
        assertThat(Broadcast.channel(3).sender().capacity()).isEqualTo(4);
        assertThat(Broadcast.channel(4).receiver().capacity()).isEqualTo(4);
        assertThat(Broadcast.channel(5).sender().capacity()).isEqualTo(8);
        assertThat(Broadcast.channel(1000).sender().capacity()).isEqualTo(1024);
        assertThat(BroadcastRing.roundCapacity((1 << 29) + 1)).isEqualTo(1 << 30); // no 4 GB ring here
        assertThat(BroadcastRing.roundCapacity(1 << 30)).isEqualTo(1 << 30);
    }

    @Test
    void capacityOneKeepsOnlyTheLatestValue() {
        Broadcast<Integer> ch = Broadcast.channel(1);
        ch.sender().send(1);
        ch.sender().send(2);
        ch.sender().send(3);
        assertThat(ch.receiver().tryRecv()).isEqualTo(new RecvResult.Lagged<Integer>(2));
        assertThat(drain(ch.receiver())).containsExactly(3);
    }

    @Test
    void nullsAreRejected() {
        Broadcast<Integer> ch = Broadcast.channel(4);
        assertThatThrownBy(() -> ch.sender().send(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> new Broadcast<>(null, ch.receiver()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Broadcast<>(ch.sender(), null))
                .isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- on real runtimes

    enum Flavour {
        MULTI_THREAD_2, MULTI_THREAD_4, CURRENT_THREAD;

        Runtime build() {
            return switch (this) {
                case MULTI_THREAD_2 -> Runtime.builder().workerThreads(2).build();
                case MULTI_THREAD_4 -> Runtime.builder().workerThreads(4).build();
                case CURRENT_THREAD -> Runtime.builder().flavor(Flavor.CURRENT_THREAD).build();
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    @Timeout(60) // a lost wake-up would hang the join
    void everyValueIsReceivedOrCountedAsMissedByEachReceiver(Flavour flavour) {
        final long total = 10_000;
        Broadcast<Long> ch = Broadcast.channel(32);
        try (Runtime rt = flavour.build()) {
            List<Broadcast.Receiver<Long>> receivers = new ArrayList<>();
            receivers.add(ch.receiver());
            for (int i = 1; i < 4; i++) {
                receivers.add(ch.sender().subscribe());
            }
            List<JoinHandle<Tally>> handles = new ArrayList<>();
            for (Broadcast.Receiver<Long> rx : receivers) {
                handles.add(rt.spawn(new Drain(rx)));
            }
            rt.spawn(new Produce(ch.sender(), total, new Random(42), List.of(), List.of()));
            for (JoinHandle<Tally> h : handles) {
                Tally t = rt.blockOn(h);
                assertThat(t.inOrder).as("values in order, jumps only by Lagged").isTrue();
                assertThat(t.received + t.missed).isEqualTo(total);
                assertThat(t.next).isEqualTo(total);
            }
        }
        assertThat(ch.receiver().ring().receiverCount()).isZero();
        assertThat(ch.receiver().ring().waiterCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    @Timeout(60) // a lost wake-up would hang the join
    void receiversAbortedAtRandomLoseNothingForTheOthers(Flavour flavour) {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed * 7919 + flavour.ordinal());
            int capacity = 1 << random.nextInt(7);
            long total = 2_000;
            Broadcast<Long> ch = Broadcast.channel(capacity);
            try (Runtime rt = flavour.build()) {
                List<JoinHandle<Tally>> handles = new ArrayList<>();
                List<Long> abortAt = new ArrayList<>();
                List<JoinHandle<Tally>> toAbort = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Broadcast.Receiver<Long> rx = i == 0 ? ch.receiver() : ch.sender().subscribe();
                    JoinHandle<Tally> h = rt.spawn(new Drain(rx));
                    handles.add(h);
                    if (random.nextBoolean()) {
                        toAbort.add(h);
                        abortAt.add((long) random.nextInt((int) total));
                    }
                }
                rt.spawn(new Produce(ch.sender(), total, random, abortAt, toAbort));
                for (JoinHandle<Tally> h : handles) {
                    try {
                        Tally t = rt.blockOn(h);
                        assertThat(t.inOrder).as("seed %d: in order", seed).isTrue();
                        assertThat(t.received + t.missed).as("seed %d: conservation", seed).isEqualTo(total);
                    } catch (JoinError e) {
                        assertThat(toAbort).as("seed %d: only aborted tasks fail", seed).contains(h);
                        assertThat(e.isCancelled()).isTrue();
                    }
                }
            }
            assertThat(ch.receiver().ring().receiverCount()).as("seed %d", seed).isZero();
            assertThat(ch.receiver().ring().waiterCount()).as("seed %d", seed).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    @Timeout(60) // a lost wake-up would hang the join
    void aReceiverThatIsNeverEmptyStillYields(Flavour flavour) {
        Broadcast<Long> ch = Broadcast.channel(1024);
        for (long i = 0; i < 1000; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        try (Runtime rt = flavour.build()) {
            Drain drain = new Drain(ch.receiver());
            Tally t = rt.blockOn(rt.spawn(drain));
            assertThat(t.received).isEqualTo(1000);
            assertThat(drain.polls).as("one task poll receives at most a budget's worth")
                    .isGreaterThanOrEqualTo(1000 / Budget.PER_POLL);
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** What one receiver saw. */
    static final class Tally {
        long received;
        long missed;
        long next;              // the value expected next
        boolean inOrder = true;
    }

    /** A task receiving until Closed; it closes its receiver when it ends, however it ends. */
    static final class Drain implements Future<Tally>, AutoCloseable {
        private final Broadcast.Receiver<Long> rx;
        private final Tally tally = new Tally();
        private Future<RecvResult<Long>> recv;
        int polls;

        Drain(Broadcast.Receiver<Long> rx) {
            this.rx = rx;
        }

        @Override
        public Poll<Tally> poll(Context cx) {
            polls++;
            for (;;) {
                if (recv == null) {
                    recv = rx.recv();
                }
                Poll<RecvResult<Long>> p = recv.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                recv = null;
                switch (p.value()) {
                    case RecvResult.Value<Long>(Long v) -> {
                        tally.inOrder &= v == tally.next;
                        tally.next = v + 1;
                        tally.received++;
                    }
                    case RecvResult.Lagged<Long>(long n) -> {
                        tally.missed += n;
                        tally.next += n;
                    }
                    case RecvResult.Closed<Long> c -> {
                        return Poll.ready(tally);
                    }
                    case RecvResult.Empty<Long> e -> throw new AssertionError("recv() returned Empty");
                }
            }
        }

        @Override
        public void close() {
            Futures.cancel(recv);
            rx.close();
        }
    }

    /** Sends 0..total-1, yielding at random, aborting the given tasks at the given steps. */
    static final class Produce implements Future<Void> {
        private final Broadcast.Sender<Long> tx;
        private final long total;
        private final Random random;
        private final List<Long> abortAt;
        private final List<JoinHandle<Tally>> toAbort;
        private long i;

        Produce(Broadcast.Sender<Long> tx, long total, Random random, List<Long> abortAt,
                List<JoinHandle<Tally>> toAbort) {
            this.tx = tx;
            this.total = total;
            this.random = new Random(random.nextLong());
            this.abortAt = abortAt;
            this.toAbort = toAbort;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (i < total) {
                for (int k = 0; k < abortAt.size(); k++) {
                    if (abortAt.get(k) == i) {
                        toAbort.get(k).abort();
                    }
                }
                tx.send(i++); // Closed only if every receiver was aborted: fine
                if (random.nextInt(16) == 0) {
                    return Task.yieldPending(cx);
                }
            }
            tx.close();
            return Poll.ready(null);
        }
    }

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** Polls a fresh recv once; fails if it would wait. */
    private static <T> RecvResult<T> recvNow(Broadcast.Receiver<T> rx) {
        Poll<RecvResult<T>> p = rx.recv().poll(new Context(Waker.noop()));
        assertThat(p.isReady()).as("recv ready at once").isTrue();
        return p.value();
    }

    /** Takes values until the receiver has none; fails on Lagged or Closed. */
    private static <T> List<T> drain(Broadcast.Receiver<T> rx) {
        List<T> out = new ArrayList<>();
        for (RecvResult<T> r; (r = rx.tryRecv()).isValue(); ) {
            out.add(r.value());
        }
        return out;
    }
}
