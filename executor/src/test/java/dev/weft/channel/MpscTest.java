package dev.weft.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.testkit.CountingWaker;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MpscTest {

    enum Kind {
        BOUNDED_1, BOUNDED_16, UNBOUNDED;

        <T> Mpsc<T> create() {
            return switch (this) {
                case BOUNDED_1 -> Mpsc.bounded(1);
                case BOUNDED_16 -> Mpsc.bounded(16);
                case UNBOUNDED -> Mpsc.unbounded();
            };
        }
    }

    private static <T> T ready(Poll<T> p) {
        assertThat(p.isReady()).as("ready").isTrue();
        return p.value();
    }

    private static void close(Object f) throws Exception {
        ((AutoCloseable) f).close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void messagesArriveInOrderThenTheEndAfterTheLastSenderCloses(Kind kind) {
        Mpsc<Integer> ch = kind.create();
        CountingWaker w = new CountingWaker();
        Mpsc.Sender<Integer> tx2 = ch.sender().copy();
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.empty());
        assertThat(ready(ch.sender().send(1).poll(w.cx())).isSent()).isTrue();
        assertThat(ready(ch.receiver().recv().poll(w.cx()))).isEqualTo(RecvResult.of(1));
        assertThat(ch.sender().trySend(2).isSent()).isTrue();
        ch.sender().close();
        assertThat(ch.receiver().isClosed()).as("another sender is still open").isFalse();
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.of(2));
        Future<RecvResult<Integer>> recv = ch.receiver().recv();
        assertThat(recv.poll(w.cx()).isReady()).isFalse();
        tx2.close();
        assertThat(w.wakes()).as("the last close wakes the receiver").isEqualTo(1);
        assertThat(ready(recv.poll(w.cx()))).isEqualTo(RecvResult.closed());
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
        assertThatThrownBy(() -> recv.poll(w.cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBoundedChannelRefusesOrMakesSendersWaitWhenFull() {
        Mpsc<String> ch = Mpsc.bounded(2);
        CountingWaker ws = new CountingWaker(), wr = new CountingWaker();
        assertThat(ch.sender().trySend("a").isSent()).isTrue();
        assertThat(ch.sender().trySend("b").isSent()).isTrue();
        assertThat(ch.sender().trySend("c")).isEqualTo(new SendResult.Full<>("c"));
        assertThat(ch.sender().capacity()).isZero();
        Future<SendResult<String>> send = ch.sender().send("c");
        assertThat(send.poll(ws.cx()).isReady()).isFalse();
        assertThat(ready(ch.receiver().recv().poll(wr.cx())).value()).isEqualTo("a");
        assertThat(ws.wakes()).as("taking a message wakes the waiting sender").isEqualTo(1);
        assertThat(ready(send.poll(ws.cx())).isSent()).isTrue();
        assertThat(ch.receiver().tryRecv().value()).isEqualTo("b");
        assertThat(ch.receiver().tryRecv().value()).isEqualTo("c");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingTheReceiverReturnsEveryLaterMessageButKeepsTheSentOnes(Kind kind) {
        Mpsc<String> ch = kind.create();
        CountingWaker w = new CountingWaker();
        assertThat(ch.sender().trySend("kept").isSent()).isTrue();
        Future<SendResult<String>> waiting = ch.sender().send("waiting");
        Poll<SendResult<String>> first = waiting.poll(w.cx()); // pending only if bounded(1)
        ch.receiver().close();
        assertThat(ch.sender().isClosed()).isTrue();
        assertThat(ch.sender().trySend("late")).isEqualTo(new SendResult.Closed<>("late"));
        if (!first.isReady()) {
            assertThat(w.wakes()).isEqualTo(1);
            assertThat(ready(waiting.poll(w.cx()))).isEqualTo(new SendResult.Closed<>("waiting"));
        }
        assertThat(ch.receiver().tryRecv().value()).isEqualTo("kept");
        if (first.isReady()) {
            assertThat(ch.receiver().tryRecv().value()).isEqualTo("waiting");
        }
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
        assertThatThrownBy(() -> ch.sender().tryReserve()).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void aReservedSlotSendsWithoutWaitingOrComesBack() {
        Mpsc<String> ch = Mpsc.bounded(1);
        CountingWaker w = new CountingWaker();
        Mpsc.Permit<String> p = ready(ch.sender().reserve().poll(w.cx()));
        assertThat(ch.sender().trySend("x")).isInstanceOf(SendResult.Full.class);
        assertThat(ch.sender().tryReserve()).isEmpty();
        p.close();
        Mpsc.Permit<String> q = ch.sender().tryReserve().orElseThrow();
        ch.sender().close(); // the reservation still delivers, and the receiver waits for it
        Future<RecvResult<String>> recv = ch.receiver().recv();
        assertThat(recv.poll(w.cx()).isReady()).as("a reserved slot is a message in flight").isFalse();
        q.send("reserved");
        assertThatThrownBy(() -> q.send("again")).isInstanceOf(IllegalStateException.class);
        assertThat(ready(recv.poll(w.cx())).value()).isEqualTo("reserved");
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.closed());
    }

    @Test
    void anUnusedReservationReturnedAfterCloseLetsTheReceiverSeeTheEnd() {
        Mpsc<String> ch = Mpsc.bounded(4);
        CountingWaker w = new CountingWaker();
        Mpsc.Permit<String> p = ch.sender().tryReserve().orElseThrow();
        ch.sender().close();
        Future<RecvResult<String>> recv = ch.receiver().recv();
        assertThat(recv.poll(w.cx()).isReady()).isFalse();
        p.close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(ready(recv.poll(w.cx()))).isEqualTo(RecvResult.closed());
    }

    @Test
    void aSlotGrantedToACancelledSendGoesToTheNextSender() throws Exception {
        Mpsc<String> ch = Mpsc.bounded(1);
        CountingWaker wa = new CountingWaker(), wb = new CountingWaker();
        ch.sender().trySend("full");
        Future<SendResult<String>> a = ch.sender().send("a"), b = ch.sender().send("b");
        a.poll(wa.cx());
        b.poll(wb.cx());
        ch.receiver().tryRecv();   // frees the slot: granted to a
        close(a);                  // a is cancelled before it saw the grant: "a" was not sent
        assertThat(wb.wakes()).isEqualTo(1);
        assertThat(ready(b.poll(wb.cx())).isSent()).isTrue();
        assertThat(ch.receiver().tryRecv().value()).isEqualTo("b");
        assertThat(ch.receiver().tryRecv()).isEqualTo(RecvResult.empty());
    }

    @Test
    void aClosedRecvLeavesTheMessageForTheNextOne() throws Exception {
        Mpsc<String> ch = Mpsc.unbounded();
        CountingWaker w = new CountingWaker();
        Future<RecvResult<String>> lost = ch.receiver().recv();
        assertThat(lost.poll(w.cx()).isReady()).isFalse();
        close(lost);
        ch.sender().trySend("m");
        assertThat(w.wakes()).as("a closed receive is unregistered").isZero();
        assertThat(ready(ch.receiver().recv().poll(w.cx())).value()).isEqualTo("m");
    }

    @Test
    void senderClosedCompletesWhenTheReceiverCloses() throws Exception {
        Mpsc<String> ch = Mpsc.bounded(4);
        CountingWaker w = new CountingWaker();
        Future<Void> closed = ch.sender().closed();
        assertThat(closed.poll(w.cx()).isReady()).isFalse();
        Future<Void> dropped = ch.sender().closed();
        assertThat(dropped.poll(new CountingWaker().cx()).isReady()).isFalse();
        close(dropped); // a closed waiter leaves, the other still wakes
        ch.receiver().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(closed.poll(w.cx()).isReady()).isTrue();
        assertThat(ch.sender().closed().poll(w.cx()).isReady()).as("already closed: ready at once").isTrue();
    }

    /**
     * An unbounded channel's receiver returns its slots in batches; whatever it still owes, the
     * channel must end exactly when the last message has been received, neither earlier nor later.
     */
    @Test
    void anUnboundedChannelEndsRightAfterItsLastMessageWhateverSlotsTheReceiverOwes() {
        for (int messages : new int[] {0, 1, 63, 64, 65, 130, 1000}) {
            Mpsc<Integer> ch = Mpsc.unbounded();
            Mpsc.Sender<Integer> tx = ch.sender();
            for (int i = 0; i < messages; i++) {
                assertThat(tx.trySend(i).isSent()).isTrue();
            }
            tx.close();
            CountingWaker w = new CountingWaker();
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                RecvResult<Integer> r = i % 3 == 0 ? ch.receiver().tryRecv() : ready(ch.receiver().recv().poll(w.cx()));
                assertThat(r).as("message %d of %d", i, messages).isInstanceOf(RecvResult.Value.class);
                got.add(((RecvResult.Value<Integer>) r).value());
            }
            assertThat(got).hasSize(messages).isSorted();
            assertThat(ch.receiver().tryRecv()).as("after %d messages", messages).isInstanceOf(RecvResult.Closed.class);
            assertThat(ready(ch.receiver().recv().poll(w.cx()))).isInstanceOf(RecvResult.Closed.class);
        }
    }

    @Test
    void recvManyTakesABatch() {
        Mpsc<Integer> ch = Mpsc.bounded(10);
        for (int i = 0; i < 7; i++) {
            ch.sender().trySend(i);
        }
        List<Integer> buf = new ArrayList<>();
        CountingWaker w = new CountingWaker();
        assertThat(ready(ch.receiver().recvMany(buf, 5).poll(w.cx()))).isEqualTo(5);
        assertThat(ready(ch.receiver().recvMany(buf, 5).poll(w.cx()))).isEqualTo(2);
        assertThat(buf).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(ch.sender().capacity()).as("every slot came back").isEqualTo(10);
        ch.sender().close();
        assertThat(ready(ch.receiver().recvMany(buf, 5).poll(w.cx()))).isZero();
        assertThatThrownBy(() -> ch.receiver().recvMany(buf, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Mpsc.bounded(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> Mpsc.bounded(Mpsc.MAX_CAPACITY + 1)).isInstanceOf(IllegalArgumentException.class);
        Mpsc<String> ch = Mpsc.unbounded();
        assertThatThrownBy(() -> ch.sender().trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.sender().send(null)).isInstanceOf(NullPointerException.class);
        ch.sender().close();
        assertThatThrownBy(() -> ch.sender().copy()).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void sendTimeoutGivesTheMessageBackWhenNoRoomCameInTime(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.builder().startPaused(true).build()) {
            Mpsc<String> ch = Mpsc.bounded(1);
            ch.sender().trySend("full");
            assertThat(rt.blockOn(ch.sender().sendTimeout("late", Duration.ofSeconds(5))))
                    .isEqualTo(new SendResult.TimedOut<>("late"));
            assertThat(ch.sender().capacity()).isZero();
            // Spawned from inside blockOn: paused time advances whenever the runtime is idle, and a
            // test thread outside blockOn does not count as busy.
            SendResult<String> inTime = rt.blockOn(Futures.lazy(
                    () -> rt.spawn(ch.sender().sendTimeout("in time", Duration.ofSeconds(5))))
                    .then(h -> Time.sleep(Duration.ofSeconds(1)).then(v -> ch.receiver().recv()).then(got -> {
                        assertThat(got.value()).isEqualTo("full");
                        return h;
                    })));
            assertThat(inTime.isSent()).isTrue();
            assertThat(ch.receiver().tryRecv().value()).isEqualTo("in time");
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void theReceiverIsAStreamThatEndsWhenEverySenderIsDone(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Mpsc<Integer> ch = Mpsc.bounded(8);
            for (int p = 0; p < 4; p++) {
                Mpsc.Sender<Integer> tx = ch.sender().copy();
                int base = p * 1000;
                rt.spawn(Loops.repeat(1000, i -> tx.send(base + i)).map(v -> {
                    tx.close();
                    return null;
                }));
            }
            ch.sender().close();
            List<Integer> got = rt.blockOn(ch.receiver().collect(Collectors.toList()));
            assertThat(got).hasSize(4000).doesNotHaveDuplicates();
            for (int p = 0; p < 4; p++) {
                int base = p * 1000;
                assertThat(got.stream().filter(v -> v / 1000 == base / 1000).toList())
                        .as("per-sender order").isSorted();
            }
        }
    }

    /** A receiver that never finds the channel empty still yields to other tasks. */
    @Test
    void receivingFromAChannelThatIsNeverEmptyYields() {
        try (Runtime rt = RuntimeFlavour.CURRENT_THREAD.build()) {
            Mpsc<Integer> ch = Mpsc.unbounded();
            for (int i = 0; i < 10_000; i++) {
                ch.sender().trySend(i);
            }
            AtomicInteger received = new AtomicInteger();
            AtomicInteger receivedWhenOtherRan = new AtomicInteger(-1);
            JoinHandle<Void> rx = rt.spawn(Loops.repeat(10_000, i -> ch.receiver().recv().map(r -> {
                received.incrementAndGet();
                return null;
            })));
            JoinHandle<Void> other = rt.spawn(cx -> {
                receivedWhenOtherRan.set(received.get());
                return Poll.ready(null);
            });
            rt.blockOn(rx);
            rt.blockOn(other);
            assertThat(receivedWhenOtherRan.get()).isLessThan(10_000);
        }
    }

    /**
     * Seeded conservation: producers send with random timeouts and aborts, the receiver receives
     * with random timeouts, then drains. Every message is received exactly once or its sender
     * knows it was not delivered.
     */
    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void everyMessageIsReceivedOnceOrGivenBack(RuntimeFlavour flavour) {
        for (Kind kind : Kind.values()) {
            long seed = 0xC0FFEEL * (flavour.ordinal() + 1) + kind.ordinal();
            Random rnd = new Random(seed);
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                Mpsc<Integer> ch = kind.create();
                Set<Integer> delivered = ConcurrentHashMap.newKeySet();  // sender saw Sent
                Set<Integer> undelivered = ConcurrentHashMap.newKeySet(); // refused, timed out or cancelled
                List<JoinHandle<Void>> producers = new ArrayList<>();
                for (int p = 0; p < 6; p++) {
                    Mpsc.Sender<Integer> tx = ch.sender().copy();
                    long[] waits = rnd.longs(300, 0, 4).toArray();
                    int base = p * 1000;
                    producers.add(rt.spawn(Loops.repeat(300, i -> new TrackedSend(tx, base + i, waits[i],
                            delivered, undelivered)).map(v -> {
                        tx.close();
                        return null;
                    })));
                }
                ch.sender().close();
                List<Integer> received = new ArrayList<>();
                long[] recvWaits = rnd.longs(3000, 1, 3).toArray();
                JoinHandle<Void> consumer = rt.spawn(Loops.repeat(3000, i -> Time.timeout(
                        Duration.ofMillis(recvWaits[i]), ch.receiver().recv()).map(r -> {
                    if (r instanceof RecvResult.Value<Integer>(Integer v)) {
                        received.add(v);
                    }
                    return null;
                })).then(v -> Futures.ready(null)).map(v -> null));
                for (int i = 0; i < producers.size(); i += 4) {
                    producers.get(i).abort();
                }
                for (JoinHandle<Void> h : producers) {
                    try {
                        rt.blockOn(h);
                    } catch (JoinError e) {
                        assertThat(e.isCancelled()).isTrue();
                    }
                }
                try {
                    rt.blockOn(consumer);
                } catch (JoinError e) {
                    assertThat(e.getCause()).isInstanceOf(Elapsed.class);
                }
                // The aborted producers' Sender handles are still open; close the channel and drain.
                ch.receiver().close();
                RecvResult<Integer> r;
                while ((r = ch.receiver().tryRecv()) instanceof RecvResult.Value<Integer>(Integer v)) {
                    received.add(v);
                }
                assertThat(r).as("drained (seed %d, %s)", seed, kind).isEqualTo(RecvResult.closed());
                Set<Integer> once = new HashSet<>(received);
                assertThat(once).as("no duplicates (seed %d)", seed).hasSize(received.size());
                assertThat(once).as("received exactly the delivered ones (seed %d, %s)", seed, kind)
                        .containsAll(delivered);
                Set<Integer> extra = new HashSet<>(once);
                extra.removeAll(delivered);
                assertThat(extra).as("received but never reported Sent: only aborted sends (seed %d)", seed)
                        .allSatisfy(v -> assertThat(undelivered).doesNotContain(v));
            }
        }
    }

    /** One send with an optional time limit, recording whether the message went in. */
    private static final class TrackedSend implements Future<Void>, AutoCloseable {
        private final Future<SendResult<Integer>> send;
        private final int value;
        private final Set<Integer> delivered;
        private final Set<Integer> undelivered;
        private boolean done;

        TrackedSend(Mpsc.Sender<Integer> tx, int value, long waitMs, Set<Integer> delivered, Set<Integer> undelivered) {
            this.send = waitMs == 0 ? tx.send(value) : tx.sendTimeout(value, Duration.ofMillis(waitMs));
            this.value = value;
            this.delivered = delivered;
            this.undelivered = undelivered;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Poll<SendResult<Integer>> p = send.poll(cx);
            if (!p.isReady()) {
                return Poll.pending();
            }
            done = true;
            SendResult<Integer> r = p.value();
            if (r.isSent()) {
                delivered.add(value);
            } else {
                assertThat(r.returnedValue()).isEqualTo(value);
                undelivered.add(value);
            }
            return Poll.ready(null);
        }

        @Override
        public void close() throws Exception {
            if (!done) {
                undelivered.add(value); // cancelled before it completed: not sent
            }
            ((AutoCloseable) send).close();
        }
    }
}
