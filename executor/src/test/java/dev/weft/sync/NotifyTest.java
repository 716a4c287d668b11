package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Waker;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotifyTest {

    // ------------------------------------------------------------------ by hand: the protocol

    @Test
    void notifyOneWithNobodyWaitingStoresOnePermitOnly() {
        Notify notify = new Notify();
        notify.notifyOne();
        notify.notifyOne();
        notify.notifyLast();
        assertThat(notify.notified().poll(cx()).isReady()).isTrue();
        Notified second = notify.notified();
        assertThat(second.poll(cx()).isReady()).as("only one permit is kept").isFalse();
        second.close();
        assertThat(notify.waiterCount()).isZero();
    }

    @Test
    void aPermitStoredBeforeTheNotifiedWasCreatedIsTakenAtTheFirstPoll() {
        Notify notify = new Notify();
        Notified n = notify.notified();
        notify.notifyOne();
        assertThat(n.poll(cx()).isReady()).isTrue();
        assertThat(notify.hasPermit()).isFalse();
    }

    @Test
    void notifyOneWakesTheLongestWaitingFirst() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 3);
        notify.notifyOne();
        assertThat(w.wakes()).containsExactly(1, 0, 0);
        assertThat(w.poll(0)).isTrue();
        assertThat(w.poll(1)).isFalse();
        notify.notifyOne();
        assertThat(w.wakes()).containsExactly(1, 1, 0);
        assertThat(w.poll(1)).isTrue();
        assertThat(notify.waiterCount()).isEqualTo(1);
        assertThat(notify.hasPermit()).isFalse();
    }

    @Test
    void notifyLastWakesTheNewestFirst() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 3);
        notify.notifyLast();
        assertThat(w.wakes()).containsExactly(0, 0, 1);
        notify.notifyLast();
        assertThat(w.wakes()).containsExactly(0, 1, 1);
        assertThat(w.poll(2)).isTrue();
        assertThat(w.poll(1)).isTrue();
        assertThat(w.poll(0)).isFalse();
    }

    @Test
    void notifyWaitersWakesEveryWaiterAndEveryEarlierNotifiedButStoresNoPermit() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 3);
        Notified created = notify.notified(); // before the call, not polled
        notify.notifyWaiters();
        Notified after = notify.notified();
        assertThat(w.wakes()).containsExactly(1, 1, 1);
        assertThat(notify.waiterCount()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(w.poll(i)).isTrue();
        }
        assertThat(created.poll(cx()).isReady()).as("created before notifyWaiters()").isTrue();
        assertThat(after.poll(cx()).isReady()).as("created after notifyWaiters()").isFalse();
        assertThat(notify.notified().poll(cx()).isReady()).as("no permit stored").isFalse();
    }

    @Test
    void notifyWaitersDoesNotTakeAStoredPermit() {
        Notify notify = new Notify();
        Notified created = notify.notified();
        notify.notifyOne();
        notify.notifyWaiters();
        assertThat(created.poll(cx()).isReady()).isTrue();
        assertThat(notify.hasPermit()).as("completed by the generation, not by the permit").isTrue();
    }

    @Test
    void aPickedWaiterThatIsClosedPassesTheNotificationToTheNextWaiter() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 2);
        notify.notifyOne();
        assertThat(w.wakes()).containsExactly(1, 0);
        w.notifieds.get(0).close(); // picked but never saw Ready
        assertThat(w.wakes()).containsExactly(1, 1);
        assertThat(w.poll(1)).isTrue();
        assertThat(notify.waiterCount()).isZero();
        assertThat(notify.hasPermit()).isFalse();
    }

    @Test
    void aPickedWaiterThatIsClosedStoresThePermitWhenNobodyElseWaits() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 1);
        notify.notifyOne();
        w.notifieds.get(0).close();
        assertThat(notify.hasPermit()).isTrue();
        assertThat(notify.notified().poll(cx()).isReady()).isTrue();
    }

    @Test
    void aNotificationFromNotifyLastIsPassedOnInLifoOrder() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 3);
        notify.notifyLast();
        w.notifieds.get(2).close();
        assertThat(w.wakes()).containsExactly(0, 1, 1);
    }

    @Test
    void closingAfterNotifyWaitersPassesNothingOn() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 1);
        notify.notifyWaiters();
        w.notifieds.get(0).close();
        assertThat(notify.hasPermit()).isFalse();
    }

    @Test
    void aClosedQueuedWaiterLeavesTheQueue() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 3);
        assertThat(notify.waiterCount()).isEqualTo(3);
        w.notifieds.get(1).close(); // from the middle
        assertThat(notify.waiterCount()).isEqualTo(2);
        notify.notifyOne();
        notify.notifyOne();
        assertThat(w.wakes()).containsExactly(1, 0, 1);
        assertThat(notify.hasPermit()).isFalse();
        w.notifieds.get(0).close(); // picked: passes on, but nobody waits any more
        w.notifieds.get(2).close();
        assertThat(notify.waiterCount()).isZero();
        assertThat(notify.hasPermit()).isTrue();
    }

    @Test
    void closingTheLastQueuedWaiterLetsTheNextNotifyOneStoreAPermit() {
        Notify notify = new Notify();
        Waiters w = new Waiters(notify, 2);
        w.notifieds.get(0).close();
        w.notifieds.get(1).close();
        notify.notifyOne();
        assertThat(w.wakes()).containsExactly(0, 0);
        assertThat(notify.notified().poll(cx()).isReady()).isTrue();
    }

    @Test
    void aRepollWithAnotherWakerReplacesTheRegisteredOne() {
        Notify notify = new Notify();
        Notified n = notify.notified();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        assertThat(n.poll(new Context(first)).isReady()).isFalse();
        assertThat(n.poll(new Context(second)).isReady()).isFalse();
        assertThat(notify.waiterCount()).isEqualTo(1);
        notify.notifyOne();
        assertThat(first.wakes.get()).isZero();
        assertThat(second.wakes.get()).isEqualTo(1);
    }

    @Test
    void pollingAfterReadyOrCloseFails() {
        Notify notify = new Notify();
        notify.notifyOne();
        Notified ready = notify.notified();
        assertThat(ready.poll(cx()).isReady()).isTrue();
        assertThatThrownBy(() -> ready.poll(cx()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after it completed");
        ready.close(); // after Ready: changes nothing
        assertThat(notify.hasPermit()).isFalse();

        Notified closed = notify.notified();
        closed.close();
        assertThatThrownBy(() -> closed.poll(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingANotifiedThatWasNeverPolledDoesNothing() {
        Notify notify = new Notify();
        notify.notifyOne();
        notify.notified().close();
        assertThat(notify.hasPermit()).isTrue();
    }

    // ------------------------------------------------------------------ in a runtime

    /** The runtime configurations the behavioural tests run on. */
    enum Flavour {
        MULTI_THREAD,
        CURRENT_THREAD;

        Runtime build() {
            return this == MULTI_THREAD
                    ? Runtime.builder().workerThreads(2).build()
                    : Runtime.builder().flavor(dev.weft.Flavor.CURRENT_THREAD).build();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aWaitingTaskIsWokenByNotifyOneFromAnotherTask(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Notify notify = new Notify();
            JoinHandle<String> waiter = rt.spawn(notify.notified().map(v -> "woken"));
            JoinHandle<Void> notifier = rt.spawn(Futures.pollFn(cx -> {
                if (notify.waiterCount() == 0) {
                    cx.waker().wake(); // yield until the waiter is queued
                    return Poll.pending();
                }
                notify.notifyOne();
                return Poll.ready(null);
            }));
            rt.blockOn(notifier);
            assertThat(rt.blockOn(waiter)).isEqualTo("woken");
            assertThat(notify.hasPermit()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void checkThenAwaitConsumersTakeEveryItemExactlyOnce(Flavour flavour) {
        int items = 2_000;
        int consumers = 4;
        try (Runtime rt = flavour.build()) {
            Notify notify = new Notify();
            ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
            AtomicInteger taken = new AtomicInteger();
            List<JoinHandle<List<Integer>>> handles = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                handles.add(rt.spawn(new NotifyConsumer(notify, queue, taken, items)));
            }
            JoinHandle<Void> producer = rt.spawn(Futures.pollFn(new Future<Void>() {
                int next;

                @Override
                public Poll<Void> poll(Context cx) {
                    for (int i = 0; i < 7 && next < items; i++) {
                        queue.add(next++);
                        notify.notifyOne();
                    }
                    if (next < items) {
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    return Poll.ready(null);
                }
            }));
            rt.blockOn(producer);
            List<Integer> all = new ArrayList<>();
            for (JoinHandle<List<Integer>> h : handles) {
                all.addAll(rt.blockOn(h));
            }
            assertThat(all).hasSize(items).doesNotHaveDuplicates();
            assertThat(notify.waiterCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aReadyPollSpendsBudget(Flavour flavour) {
        try (Runtime rt = flavour.build()) {
            Notify notify = new Notify();
            int[] readyInFirstPoll = {-1};
            JoinHandle<Integer> h = rt.spawn(Futures.pollFn(new Future<Integer>() {
                int polls;
                int ready;
                Notified pending;

                @Override
                public Poll<Integer> poll(Context cx) {
                    polls++;
                    if (pending != null) {
                        // re-woken by the budget: the permit is still there for us
                        return pending.poll(cx).isReady() ? Poll.ready(ready) : Poll.pending();
                    }
                    for (int i = 0; i < 10 * Budget.PER_POLL; i++) {
                        notify.notifyOne();
                        Notified n = notify.notified();
                        if (!n.poll(cx).isReady()) {
                            readyInFirstPoll[0] = ready;
                            pending = n;
                            return Poll.pending();
                        }
                        ready++;
                    }
                    return Poll.ready(-1);
                }
            }));
            assertThat(rt.blockOn(h)).isEqualTo(Budget.PER_POLL);
            assertThat(readyInFirstPoll[0]).isEqualTo(Budget.PER_POLL);
            assertThat(notify.hasPermit()).isFalse();
        }
    }

    /**
     * Waiter tasks that each want one notification, some under random timeouts (they retry) and some
     * aborted at random, against a notifier that keeps exactly one notification in flight (so none
     * is ever merged into an already stored permit). Every notification must end up consumed by
     * exactly one waiter or stored as the permit, and no waiter may stay queued.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void randomizedAbortsAndTimeoutsConserveNotifications(Flavour flavour) {
        for (long seed : new long[] {1, 2, 3, 42}) {
            runConservation(flavour, seed, 200);
        }
    }

    private static void runConservation(Flavour flavour, long seed, int waiterTasks) {
        Random rnd = new Random(seed);
        try (Runtime rt = flavour.build()) {
            Notify notify = new Notify();
            AtomicInteger consumed = new AtomicInteger();
            AtomicInteger timeouts = new AtomicInteger();
            List<JoinHandle<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < waiterTasks; i++) {
                long timeoutMicros = rnd.nextInt(3) == 0 ? 0 : 50 + rnd.nextInt(2_000);
                waiters.add(rt.spawn(new NotifyRetryingWaiter(notify, consumed, timeouts, timeoutMicros)));
            }
            NotifyConservingNotifier notifier = new NotifyConservingNotifier(notify, consumed, waiters, seed);
            JoinHandle<Integer> n = rt.spawn(bounded(notifier));
            int issued;
            try {
                issued = rt.blockOn(n);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": did not finish: issued=" + notifier.issued
                        + " consumed=" + consumed.get() + " queued=" + notify.waiterCount()
                        + " permit=" + notify.hasPermit(), e);
            }
            int permit = notify.hasPermit() ? 1 : 0;
            assertThat(consumed.get() + permit)
                    .as("seed %d: consumed + stored permit == notifications sent (aborted %d, timeouts %d)",
                            seed, notifier.aborted, timeouts.get())
                    .isEqualTo(issued);
            assertThat(notify.waiterCount()).as("seed %d: nobody left queued", seed).isZero();
            assertThat(notifier.aborted).as("seed %d: the test aborted some waiters", seed).isPositive();
            assertThat(issued).isGreaterThan(waiterTasks / 2);
        }
    }

    /**
     * Waiters that time out and retry, and are aborted, while notifyOne, notifyLast and
     * notifyWaiters run concurrently from several tasks. Liveness and cleanliness: every waiter
     * finishes, and the queue is empty at the end.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void mixedNotificationsUnderChurnLeaveNoWaiterBehind(Flavour flavour) {
        Random rnd = new Random(7);
        try (Runtime rt = flavour.build()) {
            Notify notify = new Notify();
            AtomicInteger consumed = new AtomicInteger();
            AtomicInteger timeouts = new AtomicInteger();
            List<JoinHandle<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long timeoutMicros = rnd.nextInt(2) == 0 ? 0 : 20 + rnd.nextInt(500);
                waiters.add(rt.spawn(new NotifyRetryingWaiter(notify, consumed, timeouts, timeoutMicros)));
            }
            List<JoinHandle<Void>> notifiers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random r = new Random(100 + t);
                notifiers.add(rt.spawn(Futures.pollFn(cx -> {
                    if (waiters.stream().allMatch(JoinHandle::isFinished)) {
                        return Poll.ready(null);
                    }
                    switch (r.nextInt(20)) {
                        case 0 -> notify.notifyWaiters();
                        case 1 -> waiters.get(r.nextInt(waiters.size())).abort();
                        default -> {
                            if (r.nextBoolean()) {
                                notify.notifyOne();
                            } else {
                                notify.notifyLast();
                            }
                        }
                    }
                    cx.waker().wake();
                    return Poll.pending();
                })));
            }
            rt.blockOn(bounded(Futures.joinAll(notifiers)));
            assertThat(waiters).allMatch(JoinHandle::isFinished);
            assertThat(notify.waiterCount()).isZero();
            assertThat(consumed.get()).isPositive();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Context cx() {
        return new Context(Waker.noop());
    }

    /** Bounds a test's wait, so a lost wake-up fails instead of hanging. */
    private static <T> Future<T> bounded(Future<T> f) {
        return Time.timeout(Duration.ofSeconds(30), f);
    }

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** Notifieds polled once (queued, in order), each with its own counting waker. */
    private static final class Waiters {
        final List<Notified> notifieds = new ArrayList<>();
        final List<CountingWaker> wakers = new ArrayList<>();

        Waiters(Notify notify, int n) {
            for (int i = 0; i < n; i++) {
                Notified f = notify.notified();
                CountingWaker w = new CountingWaker();
                assertThat(f.poll(new Context(w)).isReady()).isFalse();
                notifieds.add(f);
                wakers.add(w);
            }
        }

        boolean poll(int i) {
            return notifieds.get(i).poll(new Context(wakers.get(i))).isReady();
        }

        List<Integer> wakes() {
            return wakers.stream().map(w -> w.wakes.get()).toList();
        }
    }

    /**
     * Waits for one notification, retrying after each timeout ({@code timeoutMicros == 0}: no
     * timeout), and counts it in {@code consumed} in the very poll that saw it.
     */
    static final class NotifyRetryingWaiter implements Future<Void>, AutoCloseable {
        private final Notify notify;
        private final AtomicInteger consumed;
        private final AtomicInteger timeouts;
        private final long timeoutMicros;
        private Future<Void> current;

        NotifyRetryingWaiter(Notify notify, AtomicInteger consumed, AtomicInteger timeouts, long timeoutMicros) {
            this.notify = notify;
            this.consumed = consumed;
            this.timeouts = timeouts;
            this.timeoutMicros = timeoutMicros;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (current == null) {
                    Notified n = notify.notified();
                    current = timeoutMicros == 0 ? n : Time.timeout(Duration.ofNanos(timeoutMicros * 1_000), n);
                }
                Poll<Void> p;
                try {
                    p = current.poll(cx);
                } catch (Elapsed e) {
                    timeouts.incrementAndGet();
                    current = null; // the timeout closed the Notified: a notification it had is passed on
                    continue;
                }
                if (!p.isReady()) {
                    return p;
                }
                consumed.incrementAndGet();
                close();
                return p;
            }
        }

        @Override
        public void close() {
            Future<Void> c = current;
            current = null;
            if (c instanceof AutoCloseable a) {
                try {
                    a.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Sends one notification at a time (notifyOne or notifyLast at random), the next only once the
     * previous was consumed, and aborts up to a quarter of the waiters at random moments. Finishes
     * with the number sent once every waiter task has finished.
     */
    static final class NotifyConservingNotifier implements Future<Integer> {
        private final Notify notify;
        private final AtomicInteger consumed;
        private final List<JoinHandle<Void>> waiters;
        private final Random rnd;
        volatile int issued;
        volatile int aborted;

        NotifyConservingNotifier(Notify notify, AtomicInteger consumed, List<JoinHandle<Void>> waiters, long seed) {
            this.notify = notify;
            this.consumed = consumed;
            this.waiters = waiters;
            this.rnd = new Random(seed);
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            for (int step = 0; step < 4; step++) {
                if (waiters.stream().allMatch(JoinHandle::isFinished)) {
                    return Poll.ready(issued);
                }
                if (consumed.get() >= issued) {
                    if (rnd.nextBoolean()) {
                        notify.notifyOne();
                    } else {
                        notify.notifyLast();
                    }
                    issued++;
                }
                if (aborted < waiters.size() / 4 && rnd.nextInt(6) == 0) {
                    // Half the time the longest-waiting live task: likely the one just picked by
                    // notifyOne, so its notification must be passed on.
                    JoinHandle<Void> victim = rnd.nextBoolean()
                            ? waiters.stream().filter(h -> !h.isFinished()).findFirst().orElse(waiters.get(0))
                            : waiters.get(rnd.nextInt(waiters.size()));
                    if (!victim.isFinished()) {
                        victim.abort();
                        aborted++;
                    }
                }
            }
            cx.waker().wake();
            return Poll.pending();
        }
    }

    /**
     * The "create notified, then check, then wait" consumer of the class Javadoc: takes items until
     * {@code total} have been taken by all consumers together.
     */
    static final class NotifyConsumer implements Future<List<Integer>>, AutoCloseable {
        private final Notify notify;
        private final ConcurrentLinkedQueue<Integer> queue;
        private final AtomicInteger taken;
        private final int total;
        private final List<Integer> mine = new ArrayList<>();
        private Notified notified;

        NotifyConsumer(Notify notify, ConcurrentLinkedQueue<Integer> queue, AtomicInteger taken, int total) {
            this.notify = notify;
            this.queue = queue;
            this.taken = taken;
            this.total = total;
        }

        @Override
        public Poll<List<Integer>> poll(Context cx) {
            for (;;) {
                if (notified == null) {
                    notified = notify.notified(); // before the checks
                    if (taken.get() >= total) {
                        close();
                        return Poll.ready(mine);
                    }
                    Integer item = queue.poll();
                    if (item != null) {
                        mine.add(item);
                        if (taken.incrementAndGet() == total) {
                            notify.notifyWaiters(); // the others are waiting for nothing now
                        }
                        close();
                        continue;
                    }
                }
                if (!notified.poll(cx).isReady()) {
                    return Poll.pending();
                }
                close();
            }
        }

        @Override
        public void close() {
            if (notified != null) {
                notified.close();
                notified = null;
            }
        }
    }
}
