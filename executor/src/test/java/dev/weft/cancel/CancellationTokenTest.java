package dev.weft.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.future.Probes;
import dev.weft.future.Probes.CountingWaker;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {

    @Test
    void cancelledIsPendingUntilCancelThenWakesAndIsReady() {
        CancellationToken token = new CancellationToken();
        CountingWaker waker = new CountingWaker();
        Context cx = new Context(waker);
        Future<Void> f = token.cancelled();
        assertThat(f.poll(cx).isReady()).isFalse();
        assertThat(f.poll(cx).isReady()).isFalse(); // re-poll with the same waker: still one registration
        assertThat(token.waiterCount()).isEqualTo(1);
        token.cancel();
        assertThat(waker.wakes).hasValue(1);
        assertThat(token.isCancelled()).isTrue();
        assertThat(f.poll(cx).isReady()).isTrue();
        assertThatThrownBy(() -> f.poll(cx)).isInstanceOf(IllegalStateException.class);
        assertThat(token.cancelled().poll(cx).isReady()).isTrue(); // a fresh one is ready at once
    }

    @Test
    void aNewWakerReplacesTheOldOne() {
        CancellationToken token = new CancellationToken();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        Future<Void> f = token.cancelled();
        f.poll(new Context(first));
        f.poll(new Context(second));
        token.cancel();
        assertThat(first.wakes).hasValue(0);
        assertThat(second.wakes).hasValue(1);
    }

    @Test
    void cancelIsIdempotentAndWakesOnce() {
        CancellationToken token = new CancellationToken();
        CountingWaker waker = new CountingWaker();
        token.cancelled().poll(new Context(waker));
        token.cancel();
        token.cancel();
        assertThat(waker.wakes).hasValue(1);
    }

    @Test
    void closingAWaiterUnregistersIt() throws Exception {
        CancellationToken token = new CancellationToken();
        Future<Void> a = token.cancelled();
        Future<Void> b = token.cancelled();
        Future<Void> c = token.cancelled();
        CountingWaker wa = new CountingWaker();
        CountingWaker wc = new CountingWaker();
        a.poll(new Context(wa));
        b.poll(Probes.cx());
        c.poll(new Context(wc));
        assertThat(token.waiterCount()).isEqualTo(3);
        ((AutoCloseable) b).close(); // from the middle of the list
        assertThat(token.waiterCount()).isEqualTo(2);
        ((AutoCloseable) a).close(); // the head
        ((AutoCloseable) c).close(); // the tail, now the only one
        assertThat(token.waiterCount()).isZero();
        token.cancel();
        assertThat(wa.wakes).hasValue(0);
        assertThat(wc.wakes).hasValue(0);
        assertThatThrownBy(() -> a.poll(Probes.cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void millionsOfShortLivedWaitersLeaveNothingBehind() throws Exception {
        CancellationToken token = new CancellationToken();
        Context cx = Probes.cx();
        int maxSeen = 0;
        for (int i = 0; i < 2_000_000; i++) {
            Future<Void> f = token.cancelled();
            assertThat(f.poll(cx).isReady()).isFalse();
            if (i % 3 == 0) {
                f.poll(cx); // polled twice: still one registration
            }
            ((AutoCloseable) f).close();
            if ((i & 0xffff) == 0) {
                maxSeen = Math.max(maxSeen, token.waiterCount());
            }
        }
        assertThat(maxSeen).isZero();
        assertThat(token.waiterCount()).isZero();
        // never-polled futures never register at all
        for (int i = 0; i < 1_000_000; i++) {
            token.cancelled();
        }
        assertThat(token.waiterCount()).isZero();
    }

    @Test
    void losersOfSelectsAgainstALongLivedTokenLeaveNothingBehind() {
        CancellationToken token = new CancellationToken();
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            int done = rt.blockOn(rt.spawn(Futures.pollFn(new Future<Integer>() {
                int rounds;
                Future<Futures.Selected<Void>> current;

                @Override
                public Poll<Integer> poll(Context cx) {
                    while (rounds < 200_000) {
                        if (current == null) {
                            current = Futures.select(dev.weft.Task.yieldNow(), token.cancelled());
                        }
                        if (!current.poll(cx).isReady()) {
                            return Poll.pending();
                        }
                        current = null;
                        rounds++;
                    }
                    return Poll.ready(rounds);
                }
            })));
            assertThat(done).isEqualTo(200_000);
        }
        assertThat(token.waiterCount()).isZero();
    }

    @Test
    void childrenFollowTheirParentButNotTheOtherWayRound() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.child();
        CancellationToken grandchild = child.child();
        CancellationToken sibling = root.child();
        assertThat(root.childCount()).isEqualTo(2);

        grandchild.cancel();
        assertThat(child.isCancelled()).isFalse();
        assertThat(child.childCount()).isZero(); // a cancelled child unlinks itself

        CountingWaker waker = new CountingWaker();
        CancellationToken other = child.child();
        other.cancelled().poll(new Context(waker));
        root.cancel();
        assertThat(child.isCancelled()).isTrue();
        assertThat(other.isCancelled()).isTrue();
        assertThat(sibling.isCancelled()).isTrue();
        assertThat(waker.wakes).hasValue(1);
        assertThat(root.child().isCancelled()).isTrue(); // born cancelled
    }

    @Test
    void cancelledChildrenDoNotAccumulateInALongLivedParent() {
        CancellationToken root = new CancellationToken();
        for (int i = 0; i < 100_000; i++) {
            try (CancellationToken.Guard g = root.child().guard()) {
                g.token().cancelled().poll(Probes.cx());
            }
        }
        assertThat(root.childCount()).isZero();
    }

    @Test
    void aDeepChainIsCancelledWithoutRecursion() {
        CancellationToken root = new CancellationToken();
        CancellationToken leaf = root;
        for (int i = 0; i < 200_000; i++) {
            leaf = leaf.child();
        }
        root.cancel();
        assertThat(leaf.isCancelled()).isTrue();
    }

    @Test
    void guardCancelsOnCloseUnlessDisarmed() {
        CancellationToken a = new CancellationToken();
        try (CancellationToken.Guard g = a.guard()) {
            assertThat(g.token()).isSameAs(a);
        }
        assertThat(a.isCancelled()).isTrue();

        CancellationToken b = new CancellationToken();
        try (CancellationToken.Guard g = b.guard()) {
            assertThat(g.disarm()).isSameAs(b);
            assertThatThrownBy(g::token).isInstanceOf(IllegalStateException.class);
        }
        assertThat(b.isCancelled()).isFalse();
    }

    @Test
    void runUntilCancelledReturnsTheValueOrThrowsAndCancelsTheWork() {
        CancellationToken token = new CancellationToken();
        assertThat(Probes.pollToEnd(token.runUntilCancelled(Futures.ready(5)), 1)).isEqualTo(5);
        assertThat(token.waiterCount()).isZero();

        Log log = new Log();
        Gate<Integer> work = new Gate<>("work", log);
        Future<Integer> f = token.runUntilCancelled(work);
        assertThat(f.poll(Probes.cx()).isReady()).isFalse();
        token.cancel();
        work.complete(1); // too late: the token is checked first
        assertThatThrownBy(() -> f.poll(Probes.cx())).isInstanceOf(CancellationException.class);
        assertThat(log.events()).containsExactly("closed work");
    }

    @Test
    void closingRunUntilCancelledCancelsTheWorkAndUnregisters() throws Exception {
        CancellationToken token = new CancellationToken();
        Gate<Integer> work = new Gate<>("work", null);
        Future<Integer> f = token.runUntilCancelled(work);
        f.poll(Probes.cx());
        assertThat(token.waiterCount()).isEqualTo(1);
        ((AutoCloseable) f).close();
        assertThat(work.closes).hasValue(1);
        assertThat(token.waiterCount()).isZero();
    }

    @Test
    void tasksWaitingOnTheRuntimeAreAllWoken() {
        CancellationToken token = new CancellationToken();
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                hs.add(rt.spawn(token.child().cancelled()));
            }
            token.cancel();
            assertThat(rt.blockOn(Futures.joinAll(hs))).hasSize(1_000);
        }
    }

    @Test
    void registrationRacingWithCancelNeverLosesTheWake() throws Exception {
        // A coarse companion to the jcstress test: many rounds, each a fresh token, one thread
        // polling a waiter while another cancels. The waiter must be ready at once or woken.
        final int rounds = 20_000;
        AtomicInteger lost = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(2);
        CancellationToken[] tokens = new CancellationToken[rounds];
        for (int i = 0; i < rounds; i++) {
            tokens[i] = new CancellationToken();
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread canceller = new Thread(() -> {
            try {
                start.await();
                for (CancellationToken t : tokens) {
                    t.cancel();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                done.countDown();
            }
        });
        canceller.start();
        CountingWaker[] wakers = new CountingWaker[rounds];
        boolean[] readyAtPoll = new boolean[rounds];
        start.await();
        for (int i = 0; i < rounds; i++) {
            wakers[i] = new CountingWaker();
            readyAtPoll[i] = tokens[i].cancelled().poll(new Context(wakers[i])).isReady();
        }
        done.await();
        canceller.join();
        for (int i = 0; i < rounds; i++) {
            if (!readyAtPoll[i] && wakers[i].wakes.get() != 1) {
                lost.incrementAndGet();
            }
        }
        assertThat(lost).hasValue(0);
    }
}
