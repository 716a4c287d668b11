package dev.weft.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Flavor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.future.Probes.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WatchTest {

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

    private final CountingWaker waker = new CountingWaker();
    private final Context cx = new Context(waker);

    private static WatchState<?> state(Watch<?> w) {
        return w.sender().shared();
    }

    // ------------------------------------------------------------------------------ by hand

    @Test
    void theInitialValueIsSeenAlready() {
        Watch<String> w = Watch.channel("a");
        assertThat(w.sender().borrow()).isEqualTo("a");
        assertThat(w.receiver().borrow()).isEqualTo("a");
        assertThat(w.receiver().hasChanged()).isFalse();
        assertThat(w.receiver().changed().poll(cx).isReady()).isFalse();
        assertThat(w.sender().receiverCount()).isEqualTo(1);
    }

    @Test
    void changedWakesOnSendAndReturnsTheValueMarkingItSeen() {
        Watch<String> w = Watch.channel("a");
        Future<RecvResult<String>> changed = w.receiver().changed();
        assertThat(changed.poll(cx).isReady()).isFalse();
        assertThat(changed.poll(cx).isReady()).isFalse(); // re-poll: still one registration
        assertThat(state(w).changedWaiterCount()).isEqualTo(1);
        assertThat(w.sender().send("b")).isEqualTo(SendResult.sent());
        assertThat(waker.wakes).hasValue(1);
        assertThat(state(w).changedWaiterCount()).isZero();
        assertThat(w.receiver().hasChanged()).isTrue();
        assertThat(changed.poll(cx).value()).isEqualTo(RecvResult.of("b"));
        assertThat(w.receiver().hasChanged()).isFalse();
        assertThatThrownBy(() -> changed.poll(cx))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polled after");
        assertThat(w.receiver().changed().poll(cx).isReady()).isFalse();
    }

    @Test
    void manySendsCoalesceIntoTheLatest() {
        Watch<Integer> w = Watch.channel(0);
        Future<RecvResult<Integer>> changed = w.receiver().changed();
        changed.poll(cx);
        for (int i = 1; i <= 100; i++) {
            w.sender().send(i);
        }
        assertThat(waker.wakes).hasValue(1);
        assertThat(changed.poll(cx).value()).isEqualTo(RecvResult.of(100));
        assertThat(w.receiver().changed().poll(cx).isReady()).isFalse();
    }

    @Test
    void borrowDoesNotMarkSeenButBorrowAndUpdateDoes() {
        Watch<String> w = Watch.channel("a");
        w.sender().send("b");
        assertThat(w.receiver().borrow()).isEqualTo("b");
        assertThat(w.receiver().hasChanged()).isTrue();
        assertThat(w.receiver().borrowAndUpdate()).isEqualTo("b");
        assertThat(w.receiver().hasChanged()).isFalse();
    }

    @Test
    void markChangedAndMarkUnchanged() {
        Watch<String> w = Watch.channel("a");
        w.receiver().markChanged();
        assertThat(w.receiver().hasChanged()).isTrue();
        assertThat(w.receiver().changed().poll(cx).value()).isEqualTo(RecvResult.of("a"));
        w.sender().send("b");
        w.receiver().markUnchanged();
        assertThat(w.receiver().hasChanged()).isFalse();
        assertThat(w.receiver().changed().poll(cx).isReady()).isFalse();
    }

    @Test
    void sendWithNoReceiverLeftGivesTheValueBackAndStoresNothing() {
        Watch<String> w = Watch.channel("a");
        w.receiver().close();
        w.receiver().close(); // idempotent: counted once
        assertThat(w.sender().receiverCount()).isZero();
        assertThat(w.sender().isClosed()).isTrue();
        String v = new String("b");
        assertThat(w.sender().send(v).returnedValue()).isSameAs(v);
        assertThat(w.sender().borrow()).isEqualTo("a");
    }

    @Test
    void sendReplaceAlwaysStoresAndReturnsTheOldValue() {
        Watch<String> w = Watch.channel("a");
        assertThat(w.sender().sendReplace("b")).isEqualTo("a");
        w.receiver().close();
        assertThat(w.sender().sendReplace("c")).isEqualTo("b");
        Watch.Receiver<String> late = w.sender().subscribe();
        assertThat(late.borrow()).isEqualTo("c");
        assertThat(w.sender().receiverCount()).isEqualTo(1);
    }

    @Test
    void sendModifyAlwaysNotifies() {
        Watch<String> w = Watch.channel("a");
        w.receiver().changed().poll(cx);
        w.sender().sendModify(s -> s); // the same reference still counts as a change
        assertThat(waker.wakes).hasValue(1);
        assertThat(w.receiver().hasChanged()).isTrue();
        w.sender().sendModify(s -> s + "b");
        assertThat(w.sender().borrow()).isEqualTo("ab");
    }

    @Test
    void sendIfModifiedWithTheSameReferenceDoesNotWake() {
        Watch<String> w = Watch.channel("a");
        Future<RecvResult<String>> changed = w.receiver().changed();
        changed.poll(cx);
        assertThat(w.sender().sendIfModified(s -> s)).isFalse();
        assertThat(waker.wakes).hasValue(0);
        assertThat(w.receiver().hasChanged()).isFalse();
        assertThat(w.sender().sendIfModified(s -> s + "b")).isTrue();
        assertThat(waker.wakes).hasValue(1);
        assertThat(changed.poll(cx).value()).isEqualTo(RecvResult.of("ab"));
    }

    @Test
    void aThrowingModifyChangesNothing() {
        Watch<String> w = Watch.channel("a");
        assertThatThrownBy(() -> w.sender().sendModify(s -> {
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThatThrownBy(() -> w.sender().sendIfModified(s -> null)).isInstanceOf(NullPointerException.class);
        assertThat(w.sender().borrow()).isEqualTo("a");
        assertThat(w.receiver().hasChanged()).isFalse();
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> Watch.channel(null)).isInstanceOf(NullPointerException.class);
        Watch<String> w = Watch.channel("a");
        assertThatThrownBy(() -> w.sender().send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> w.sender().sendReplace(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> w.sender().sendModify(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> w.receiver().waitFor(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSubscribedReceiverHasSeenTheCurrentValue() {
        Watch<String> w = Watch.channel("a");
        w.sender().send("b");
        Watch.Receiver<String> sub = w.sender().subscribe();
        assertThat(w.sender().receiverCount()).isEqualTo(2);
        assertThat(sub.hasChanged()).isFalse();
        assertThat(sub.changed().poll(cx).isReady()).isFalse();
        w.sender().send("c");
        assertThat(waker.wakes).hasValue(1);
    }

    @Test
    void aCopyHasSeenWhatTheOriginalHad() {
        Watch<String> w = Watch.channel("a");
        w.sender().send("b");
        Watch.Receiver<String> unseen = w.receiver().copy();
        assertThat(unseen.hasChanged()).isTrue();
        w.receiver().borrowAndUpdate();
        Watch.Receiver<String> seen = w.receiver().copy();
        assertThat(seen.hasChanged()).isFalse();
        assertThat(w.sender().receiverCount()).isEqualTo(3);
        w.receiver().close();
        assertThatThrownBy(() -> w.receiver().copy()).isInstanceOf(IllegalStateException.class);
        assertThat(w.sender().receiverCount()).isEqualTo(2);
    }

    @Test
    void waitForIsReadyAtOnceWhenTheCurrentValueMatches() {
        Watch<Integer> w = Watch.channel(5);
        assertThat(w.receiver().waitFor(v -> v > 3).poll(cx).value()).isEqualTo(RecvResult.of(5));
    }

    @Test
    void waitForSkipsValuesThatDoNotMatch() {
        Watch<Integer> w = Watch.channel(0);
        Future<RecvResult<Integer>> f = w.receiver().waitFor(v -> v >= 10);
        assertThat(f.poll(cx).isReady()).isFalse();
        w.sender().send(3);
        assertThat(waker.wakes).hasValue(1);
        assertThat(f.poll(cx).isReady()).isFalse(); // tested, failed, registered again
        assertThat(w.receiver().hasChanged()).isFalse(); // what the predicate saw counts as seen
        w.sender().send(12);
        assertThat(waker.wakes).hasValue(2);
        assertThat(f.poll(cx).value()).isEqualTo(RecvResult.of(12));
    }

    @Test
    void waitForEndsClosedWhenTheSenderClosesFirst() {
        Watch<Integer> w = Watch.channel(0);
        Future<RecvResult<Integer>> f = w.receiver().waitFor(v -> v >= 10);
        f.poll(cx);
        w.sender().send(1);
        w.sender().close();
        assertThat(f.poll(cx).value()).isEqualTo(RecvResult.closed());
    }

    @Test
    void closingTheSenderLetsReceiversSeeTheLastValueThenClosed() {
        Watch<String> w = Watch.channel("a");
        Watch.Receiver<String> other = w.sender().subscribe();
        Future<RecvResult<String>> waiting = other.changed();
        waiting.poll(cx);
        w.sender().send("last");
        other.borrowAndUpdate();
        w.sender().close();
        w.sender().close(); // idempotent
        assertThat(waker.wakes).hasValue(1);
        assertThat(w.receiver().changed().poll(cx).value()).isEqualTo(RecvResult.of("last"));
        assertThat(w.receiver().changed().poll(cx).value()).isEqualTo(RecvResult.closed());
        assertThat(other.changed().poll(cx).value()).isEqualTo(RecvResult.closed());
        assertThatThrownBy(() -> w.sender().send("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> w.sender().sendReplace("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheSenderWakesWaitingReceivers() {
        Watch<String> w = Watch.channel("a");
        Future<RecvResult<String>> changed = w.receiver().changed();
        changed.poll(cx);
        w.sender().close();
        assertThat(waker.wakes).hasValue(1);
        assertThat(changed.poll(cx).value()).isEqualTo(RecvResult.closed());
    }

    @Test
    void aCancelledChangedLeavesNoWaiter() throws Exception {
        Watch<String> w = Watch.channel("a");
        for (int i = 0; i < 1000; i++) {
            Future<RecvResult<String>> f = w.receiver().changed();
            assertThat(f.poll(cx).isReady()).isFalse();
            ((AutoCloseable) f).close();
        }
        assertThat(state(w).changedWaiterCount()).isZero();
        w.sender().send("b");
        assertThat(waker.wakes).hasValue(0);
        assertThat(w.receiver().hasChanged()).isTrue(); // nothing was consumed
    }

    @Test
    void aClosedReceiversFuturesReturnClosed() {
        Watch<String> w = Watch.channel("a");
        Future<RecvResult<String>> f = w.receiver().changed();
        w.receiver().close();
        assertThat(f.poll(cx).value()).isEqualTo(RecvResult.closed());
    }

    @Test
    void closedCompletesOnceEveryReceiverIsClosed() throws Exception {
        Watch<String> w = Watch.channel("a");
        Watch.Receiver<String> second = w.receiver().copy();
        Future<Void> closed = w.sender().closed();
        assertThat(closed.poll(cx).isReady()).isFalse();
        assertThat(closed.poll(cx).isReady()).isFalse();
        assertThat(state(w).closedWaiterCount()).isEqualTo(1);
        w.receiver().close();
        assertThat(waker.wakes).hasValue(0);
        second.close();
        assertThat(waker.wakes).hasValue(1);
        assertThat(closed.poll(cx).isReady()).isTrue();
        assertThatThrownBy(() -> closed.poll(cx)).isInstanceOf(IllegalStateException.class);
        assertThat(w.sender().closed().poll(cx).isReady()).isTrue();

        Watch<String> w2 = Watch.channel("a");
        Future<Void> cancelled = w2.sender().closed();
        cancelled.poll(cx);
        ((AutoCloseable) cancelled).close();
        assertThat(state(w2).closedWaiterCount()).isZero();
        w2.receiver().close();
        assertThat(waker.wakes).hasValue(1);
    }

    // ------------------------------------------------------------------------------ in a runtime

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aReceiverFollowsTheSenderToTheLastValueThenClosed(Flavour flavour) {
        int sends = 20_000;
        try (Runtime rt = flavour.build()) {
            Watch<Integer> w = Watch.channel(0);
            JoinHandle<List<Integer>> follower = rt.spawn(new Follow(w.receiver()));
            JoinHandle<Void> producer = rt.spawn(new Future<Void>() {
                int next = 1;

                @Override
                public Poll<Void> poll(Context cx) {
                    while (next <= sends) {
                        w.sender().send(next++);
                        if (next % 64 == 0) {
                            return Task.yieldPending(cx);
                        }
                    }
                    w.sender().close();
                    return Poll.ready(null);
                }
            });
            rt.blockOn(producer);
            List<Integer> seen = rt.blockOn(follower);
            assertThat(seen).isSorted().doesNotHaveDuplicates();
            assertThat(seen.get(seen.size() - 1)).isEqualTo(sends);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void waitForInATask(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Watch<Integer> w = Watch.channel(0);
            JoinHandle<RecvResult<Integer>> h = rt.spawn(w.receiver().waitFor(v -> v == 7));
            for (int i = 1; i <= 7; i++) { // 7 is the last: whichever the waiter tests, it ends there
                w.sender().send(i);
                rt.blockOn(Task.yieldNow());
            }
            assertThat(rt.blockOn(h)).isEqualTo(RecvResult.of(7));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void changedSpendsBudget(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Watch<Integer> w = Watch.channel(0);
            int readyInFirstPoll = rt.blockOn(rt.spawn(cx -> {
                int n = 0;
                for (int i = 0; i < Budget.PER_POLL + 10; i++) {
                    w.receiver().markChanged();
                    if (!w.receiver().changed().poll(cx).isReady()) {
                        break;
                    }
                    n++;
                }
                return Poll.ready(n);
            }));
            assertThat(readyInFirstPoll).isEqualTo(Budget.PER_POLL);
        }
    }

    /** Collects every value its receiver's changed() returns until Closed. */
    private static final class Follow implements Future<List<Integer>> {
        private final Watch.Receiver<Integer> rx;
        private final List<Integer> seen = new ArrayList<>();
        private Future<RecvResult<Integer>> current;

        Follow(Watch.Receiver<Integer> rx) {
            this.rx = rx;
        }

        @Override
        public Poll<List<Integer>> poll(Context cx) {
            for (;;) {
                if (current == null) {
                    current = rx.changed();
                }
                Poll<RecvResult<Integer>> p = current.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                current = null;
                if (!(p.value() instanceof RecvResult.Value<Integer>(Integer v))) {
                    return Poll.ready(seen);
                }
                seen.add(v);
            }
        }
    }
}
