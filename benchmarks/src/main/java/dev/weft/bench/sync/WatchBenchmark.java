package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.channel.RecvResult;
import dev.weft.channel.Watch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code watch}: one sender task publishes the values 1..{@value #SENDS} in turn; each of
 * {@code receivers} ∈ {10, 100, 1000} tasks waits for changes until it sees the last one
 * (intermediate values may be skipped: a watch keeps only the latest). Score: time per send. Each
 * receiver checks the values it sees only go up and that it ends on {@value #SENDS}.
 * <ul>
 *   <li>{@code weft}: {@code Watch.channel(0)}; receivers from the channel and
 *       {@code sender.subscribe()}, each a task looping on {@code changed()}.</li>
 *   <li>{@code vthreads}: the java.util.concurrent idiom for "latest value, wake the watchers": a
 *       value and a version guarded by a {@code ReentrantLock}; the sender sets both and calls
 *       {@code signalAll()} on a {@code Condition}; each receiver virtual thread
 *       {@code await}s while the version is the one it saw. (A {@code ReentrantLock} rather than
 *       {@code synchronized} + {@code notifyAll}, so that the JDK's virtual-thread pinning rules of
 *       any given release do not decide the result.)</li>
 * </ul>
 *
 * <p>{@code part} takes one operation apart, same score unit (the operation's time ÷
 * {@value #SENDS}), to show what the sends add to the fixed cost both implementations pay:
 * {@code all} (the default) is the workload above; {@code spawns} starts the root and its
 * {@code receivers} tasks, which finish at once (no channel); {@code none} starts the root only,
 * which counts the operation down itself (one hand-off into the scheduler and one back to the
 * benchmark thread). Run {@code -p part=none,spawns,all} to see all three in one invocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class WatchBenchmark extends WeftOrVirtualThreads {

    static final int SENDS = 100;
    private static final Integer[] VALUES = Bench.boxed(SENDS + 1);

    @Param({"10", "100", "1000"})
    public int receivers;

    /** {@code all}, {@code spawns} or {@code none}: see the class comment. */
    @Param({"all"})
    public String part;

    @Benchmark
    @OperationsPerInvocation(SENDS)
    public void watch() throws InterruptedException, TimeoutException {
        int n = receivers;
        Done done = new Done(n);
        switch (part) {
            case "all" -> { }
            case "spawns", "none" -> {
                fixedCost(n, part.equals("spawns"), done);
                done.await();
                return;
            }
            default -> throw Bench.unknown("part", part, "all, spawns or none");
        }
        switch (impl) {
            case "weft" -> rt.spawn(cx -> {
                Watch<Integer> ch = Watch.channel(VALUES[0]);
                Watch.Sender<Integer> tx = ch.sender();
                Handle h = Handle.current();
                h.spawn(new Watcher(ch.receiver(), done));
                for (int i = 1; i < n; i++) {
                    h.spawn(new Watcher(tx.subscribe(), done));
                }
                for (int i = 1; i <= SENDS; i++) {
                    tx.send(VALUES[i]);
                }
                return Poll.ready(null);
            });
            case "vthreads" -> Thread.startVirtualThread(() -> Start.run(x -> {
                Latest latest = new Latest(done);
                for (int i = 0; i < n; i++) {
                    Thread.startVirtualThread(() -> Start.run(latest::watch, 0, done));
                }
                for (int i = 1; i <= SENDS; i++) {
                    latest.publish(i);
                }
            }, 0, done));
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    /** {@code part=spawns} or {@code none}: the operation without its channel. */
    private void fixedCost(int n, boolean spawn, Done done) {
        if (spawn) {
            switch (impl) {
                case "weft" -> Start.weft(rt, n, i -> cx -> {
                    done.countDown();
                    return Poll.ready(null);
                });
                case "vthreads" -> Start.vthreads(n, i -> done.countDown(), done);
                default -> throw new IllegalStateException(impl);
            }
            return;
        }
        Runnable root = () -> {
            for (int i = 0; i < n; i++) {
                done.countDown();
            }
        };
        switch (impl) {
            case "weft" -> rt.spawn(cx -> {
                root.run();
                return Poll.ready(null);
            });
            case "vthreads" -> Thread.startVirtualThread(root);
            default -> throw new IllegalStateException(impl);
        }
    }

    /** The virtual-thread baseline's shared value. */
    private static final class Latest {
        private final Done done;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private int value;   // guarded by lock
        private long version; // guarded by lock

        Latest(Done done) {
            this.done = done;
        }

        void publish(int v) {
            lock.lock();
            try {
                value = v;
                version++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void watch(int unused) throws InterruptedException {
            lock.lock();
            try {
                long seenVersion = version;
                int last = value;
                while (last != SENDS) {
                    while (version == seenVersion) {
                        changed.await();
                    }
                    seenVersion = version;
                    if (value <= last) {
                        done.fail("a receiver saw " + value + " after " + last);
                        return;
                    }
                    last = value;
                }
            } finally {
                lock.unlock();
            }
            done.countDown();
        }
    }

    private static final class Watcher implements Future<Void> {
        private final Watch.Receiver<Integer> rx;
        private final Done done;
        private Future<RecvResult<Integer>> changed;
        private int last;

        Watcher(Watch.Receiver<Integer> rx, Done done) {
            this.rx = rx;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (changed == null) {
                    changed = rx.changed();
                }
                Poll<RecvResult<Integer>> p = changed.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                changed = null;
                if (!(p.value() instanceof RecvResult.Value<Integer> v)) {
                    done.fail("a receiver got " + p.value() + " after " + last);
                    return Poll.ready(null);
                }
                int value = v.value();
                if (value <= last) {
                    done.fail("a receiver saw " + value + " after " + last);
                    return Poll.ready(null);
                }
                last = value;
                if (value == SENDS) {
                    done.countDown();
                    return Poll.ready(null);
                }
            }
        }
    }
}
