package dev.weft.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.testkit.CountingWaker;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every channel keeps, run against every flavour (mpsc bounded and unbounded,
 * broadcast, oneshot, watch) and, where tasks are involved, on both runtime flavours: a message
 * sent is received; closing every sender ends the receiver after what was sent; a closed receiver
 * hands messages back; a receive cancelled before it completed takes nothing; a pending receive
 * is woken exactly once by a send or by the close; nulls are refused; a completed receive cannot
 * be polled again.
 */
class ChannelContractTest {

    /**
     * One channel seen through the operations every flavour has.
     *
     * @param sendOp          the waiting send (a channel whose send never waits wraps its trySend)
     * @param trySendOp       the immediate send
     * @param recvOp          a new receive
     * @param closeSendersOp  closes the only sender handle
     * @param closeReceiverOp closes the only receiver
     * @param queues          whether every message is delivered in order (not only the latest, or one)
     */
    record Channel(Function<String, Future<SendResult<String>>> sendOp, Function<String, SendResult<String>> trySendOp,
            Supplier<Future<RecvResult<String>>> recvOp, Runnable closeSendersOp, Runnable closeReceiverOp,
            boolean queues) {

        /** A channel whose send never waits: the waiting send is its trySend, run at the first poll. */
        Channel(Function<String, SendResult<String>> trySend, Supplier<Future<RecvResult<String>>> recv,
                Runnable closeSenders, Runnable closeReceiver, boolean queues) {
            this(v -> Futures.lazy(() -> trySend.apply(v)), trySend, recv, closeSenders, closeReceiver, queues);
        }

        Future<SendResult<String>> send(String v) {
            return sendOp.apply(v);
        }

        SendResult<String> trySend(String v) {
            return trySendOp.apply(v);
        }

        Future<RecvResult<String>> recv() {
            return recvOp.get();
        }

        void closeSenders() {
            closeSendersOp.run();
        }

        void closeReceiver() {
            closeReceiverOp.run();
        }
    }

    enum Kind {
        MPSC_BOUNDED_1, MPSC_BOUNDED_16, MPSC_UNBOUNDED, BROADCAST, ONESHOT, WATCH;

        Channel open() {
            return switch (this) {
                case MPSC_BOUNDED_1 -> mpsc(Mpsc.bounded(1));
                case MPSC_BOUNDED_16 -> mpsc(Mpsc.bounded(16));
                case MPSC_UNBOUNDED -> mpsc(Mpsc.unbounded());
                case BROADCAST -> broadcast(Broadcast.channel(1024));
                case ONESHOT -> oneshot(Oneshot.channel());
                case WATCH -> watch(Watch.channel("initial"));
            };
        }
    }

    static Stream<Arguments> everyKindOnEveryRuntime() {
        List<Arguments> args = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (RuntimeFlavour f : RuntimeFlavour.values()) {
                args.add(Arguments.of(k, f));
            }
        }
        return args.stream();
    }

    private static <T> T ready(Poll<T> p) {
        assertThat(p.isReady()).as("ready").isTrue();
        return p.value();
    }

    @ParameterizedTest
    @MethodSource("everyKindOnEveryRuntime")
    void aMessageSentByOneTaskIsReceivedByAnother(Kind kind, RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Channel ch = kind.open();
            JoinHandle<RecvResult<String>> rx = rt.spawn(ch.recv());
            JoinHandle<SendResult<String>> tx = rt.spawn(Futures.lazy(() -> null).then(v -> ch.send("hello")));
            assertThat(rt.blockOn(tx).isSent()).isTrue();
            assertThat(rt.blockOn(rx)).isEqualTo(RecvResult.of("hello"));
        }
    }

    @ParameterizedTest
    @MethodSource("everyKindOnEveryRuntime")
    void closingEverySenderEndsTheReceiverAfterWhatWasSent(Kind kind, RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Channel ch = kind.open();
            assertThat(ch.trySend("last").isSent()).isTrue();
            ch.closeSenders();
            assertThat(rt.blockOn(rt.spawn(ch.recv()))).isEqualTo(RecvResult.of("last"));
            assertThat(rt.blockOn(rt.spawn(ch.recv()))).isEqualTo(RecvResult.closed());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClosedReceiverHandsTheMessageBack(Kind kind) {
        Channel ch = kind.open();
        ch.closeReceiver();
        SendResult<String> r = ch.trySend("unwanted");
        assertThat(r).isEqualTo(new SendResult.Closed<>("unwanted"));
        assertThat(r.returnedValue()).isEqualTo("unwanted");
        assertThat(ready(ch.send("also unwanted").poll(new CountingWaker().cx())))
                .isEqualTo(new SendResult.Closed<>("also unwanted"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPendingReceiveIsWokenOnceBySend(Kind kind) {
        Channel ch = kind.open();
        CountingWaker w = new CountingWaker();
        Future<RecvResult<String>> recv = ch.recv();
        assertThat(recv.poll(w.cx()).isReady()).isFalse();
        assertThat(ch.trySend("m").isSent()).isTrue();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(ready(recv.poll(w.cx()))).isEqualTo(RecvResult.of("m"));
        assertThatThrownBy(() -> recv.poll(w.cx())).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPendingReceiveIsWokenByTheLastSenderClosing(Kind kind) {
        Channel ch = kind.open();
        CountingWaker w = new CountingWaker();
        Future<RecvResult<String>> recv = ch.recv();
        assertThat(recv.poll(w.cx()).isReady()).isFalse();
        ch.closeSenders();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(ready(recv.poll(w.cx()))).isEqualTo(RecvResult.closed());
    }

    // A oneshot's receiver is its only receive: cancelling it closes the channel (OneshotTest).
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "ONESHOT", mode = EnumSource.Mode.EXCLUDE)
    void aReceiveCancelledBeforeItCompletedTakesNothing(Kind kind) throws Exception {
        Channel ch = kind.open();
        CountingWaker lost = new CountingWaker(), next = new CountingWaker();
        Future<RecvResult<String>> first = ch.recv();
        assertThat(first.poll(lost.cx()).isReady()).isFalse();
        ((AutoCloseable) first).close(); // lost a select, say
        assertThat(ch.trySend("kept").isSent()).isTrue();
        assertThat(lost.wakes()).as("a cancelled receive is not woken").isZero();
        assertThat(ready(ch.recv().poll(next.cx()))).isEqualTo(RecvResult.of("kept"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nullMessagesAreRefused(Kind kind) {
        Channel ch = kind.open();
        assertThatThrownBy(() -> ch.trySend(null)).isInstanceOf(NullPointerException.class);
    }

    static Stream<Arguments> queueingKindsOnEveryRuntime() {
        return everyKindOnEveryRuntime().filter(a -> ((Kind) a.get()[0]).open().queues());
    }

    // Oneshot carries one message and watch only the latest: the cases above cover them.
    @ParameterizedTest
    @MethodSource("queueingKindsOnEveryRuntime")
    void queueingChannelsDeliverEveryMessageInOrder(Kind kind, RuntimeFlavour flavour) {
        Channel ch = kind.open();
        try (Runtime rt = flavour.build()) {
            List<String> got = new ArrayList<>();
            JoinHandle<Void> rx = rt.spawn(Loops.repeat(1000, i -> ch.recv().map(r -> {
                got.add(r.value());
                return null;
            })));
            JoinHandle<Void> tx = rt.spawn(Loops.repeat(1000, i -> ch.send("m" + i)));
            rt.blockOn(tx);
            rt.blockOn(rx);
            assertThat(got).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(got.get(i)).isEqualTo("m" + i);
            }
        }
    }

    // ---- adapters

    private static Channel mpsc(Mpsc<String> ch) {
        return new Channel(ch.sender()::send, ch.sender()::trySend, ch.receiver()::recv,
                ch.sender()::close, ch.receiver()::close, true);
    }

    private static Channel broadcast(Broadcast<String> ch) {
        return new Channel(ch.sender()::send, ch.receiver()::recv, ch.sender()::close, ch.receiver()::close, true);
    }

    private static Channel oneshot(Oneshot<String> ch) {
        return new Channel(ch.sender()::send, () -> oneshotRecv(ch.receiver()), ch.sender()::close,
                ch.receiver()::close, false);
    }

    private static Channel watch(Watch<String> ch) {
        return new Channel(ch.sender()::send, ch.receiver()::changed, ch.sender()::close, ch.receiver()::close, false);
    }

    /** The receiver is itself the (one) receive; later receives see what it saw, through tryRecv. */
    private static Future<RecvResult<String>> oneshotRecv(Oneshot.Receiver<String> rx) {
        return new Future<>() {
            private boolean done;

            @Override
            public Poll<RecvResult<String>> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("polled after completion");
                }
                RecvResult<String> now = rx.tryRecv();
                if (!(now instanceof RecvResult.Empty)) {
                    done = true;
                    return Poll.ready(now);
                }
                Poll<RecvResult<String>> p = rx.poll(cx);
                done = p.isReady();
                return p;
            }
        };
    }
}
