package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.sync.Notify;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code notify}: {@value #ROUNDS} rounds; in each, all {@code waiters} ∈ {10, 100, 1000} tasks
 * wait, and one notifier task wakes them all at once once every one of them is waiting. A woken
 * waiter re-arms for the next round. Score: time per round (waking N waiters and getting all N
 * back into the wait). Each waiter checks it was woken exactly {@value #ROUNDS} times and never
 * before the round's notification.
 * <ul>
 *   <li>{@code weft}: {@code Notify}; a waiter polls a fresh {@code notified()} (which registers
 *       it), then reports "armed" on a counter; when the counter reaches the round's target the
 *       last waiter wakes the notifier task, which calls {@code notifyWaiters()}. The arming
 *       counter is an {@code AtomicLong} plus a waker, outside what is measured for the baseline
 *       too.</li>
 *   <li>{@code vthreads}: the java.util.concurrent idiom: a {@code ReentrantLock} with two
 *       {@code Condition}s; a waiter counts itself armed (the last one signals the notifier) and
 *       {@code await}s until the round number moves on; the notifier waits for all N, advances
 *       the round and calls {@code signalAll()}. ({@code Phaser} would fold arming and waking into
 *       one barrier and so measure a different thing.)</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NotifyBenchmark extends WeftOrVirtualThreads {

    static final int ROUNDS = 100;

    @Param({"10", "100", "1000"})
    public int waiters;

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void notify_waiters() throws InterruptedException, TimeoutException {
        int n = waiters;
        Done done = new Done(n + 1);
        switch (impl) {
            case "weft" -> {
                Notify notify = new Notify();
                Arrivals armed = new Arrivals(n);
                Start.weft(rt, n + 1, i -> i == n ? new Notifier(notify, armed, n, done)
                        : new Waiter(notify, armed, done));
            }
            case "vthreads" -> {
                Rounds rounds = new Rounds(n, done);
                Start.vthreads(n + 1, i -> {
                    if (i == n) {
                        rounds.notifier();
                    } else {
                        rounds.waiter();
                    }
                }, done);
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    /**
     * Counts armed waiters for the Weft side and wakes the notifier task when the round's target is
     * reached. No lost wake-up: the notifier stores the target, then its waker, then reads the
     * count; an arriving waiter increments the count, then reads the target and the waker (all
     * volatile, so one of the two sees the other). The target for round r + 1 is stored before
     * round r's {@code notifyWaiters()}, so every arrival of a round reads that round's target.
     */
    static final class Arrivals {
        private final AtomicLong count = new AtomicLong();
        private volatile long target;
        private volatile Waker notifier;

        Arrivals(long firstTarget) {
            this.target = firstTarget;
        }

        void arrive() {
            long c = count.incrementAndGet();
            if (c == target) {
                Waker w = notifier;
                if (w != null) {
                    w.wake();
                }
            }
        }

        boolean reached(long t, Context cx) {
            if (count.get() >= t) {
                return true;
            }
            Waker w = notifier;
            if (w == null || !w.willWake(cx.waker())) {
                notifier = cx.waker();
            }
            return count.get() >= t;
        }

        void setTarget(long t) {
            target = t;
        }
    }

    private static final class Notifier implements Future<Void> {
        private final Notify notify;
        private final Arrivals armed;
        private final int n;
        private final Done done;
        private int round;

        Notifier(Notify notify, Arrivals armed, int n, Done done) {
            this.notify = notify;
            this.armed = armed;
            this.n = n;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (round < ROUNDS) {
                if (!armed.reached((long) (round + 1) * n, cx)) {
                    return Poll.pending();
                }
                round++;
                armed.setTarget((long) (round + 1) * n);
                notify.notifyWaiters();
            }
            done.countDown();
            return Poll.ready(null);
        }
    }

    private static final class Waiter implements Future<Void> {
        private final Notify notify;
        private final Arrivals armed;
        private final Done done;
        private Future<Void> notified;
        private int rounds;

        Waiter(Notify notify, Arrivals armed, Done done) {
            this.notify = notify;
            this.armed = armed;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (notified == null) {
                    notified = notify.notified();
                    if (notified.poll(cx).isReady()) {
                        done.fail("a waiter was woken before round " + (rounds + 1) + " was notified");
                        return Poll.ready(null);
                    }
                    armed.arrive();
                    return Poll.pending();
                }
                if (!notified.poll(cx).isReady()) {
                    return Poll.pending();
                }
                notified = null;
                if (++rounds == ROUNDS) {
                    done.countDown();
                    return Poll.ready(null);
                }
            }
        }
    }

    /** The virtual-thread baseline's shared state. */
    private static final class Rounds {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition allArmed = lock.newCondition();
        private final Condition next = lock.newCondition();
        private final int n;
        private final Done done;
        private int armed; // guarded by lock
        private int round; // guarded by lock

        Rounds(int n, Done done) {
            this.n = n;
            this.done = done;
        }

        void waiter() throws InterruptedException {
            lock.lock();
            try {
                for (int r = 0; r < ROUNDS; r++) {
                    if (++armed == n) {
                        allArmed.signal();
                    }
                    while (round == r) {
                        next.await();
                    }
                    if (round != r + 1) {
                        done.fail("a waiter of round " + r + " woke in round " + round);
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
            done.countDown();
        }

        void notifier() throws InterruptedException {
            lock.lock();
            try {
                while (round < ROUNDS) {
                    while (armed < n) {
                        allArmed.await();
                    }
                    armed = 0;
                    round++;
                    next.signalAll();
                }
            } finally {
                lock.unlock();
            }
            done.countDown();
        }
    }
}
