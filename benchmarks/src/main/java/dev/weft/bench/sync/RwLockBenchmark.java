package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.sync.RwLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code rwlock}: {@code tasks} ∈ {6, 100} tasks share {@value #TOTAL} lock / unlock rounds
 * ({@code TOTAL / tasks} each); every {@value #WRITE_EVERY}th round of a task takes the write
 * lock and increments a counter, the others take the read lock and read it. Score: time per
 * lock/unlock pair. Check: a reader never sees the counter go backwards, and at the end it equals
 * the number of write rounds.
 * <ul>
 *   <li>{@code weft}: {@code RwLock<Counter>}, awaiting {@code read()} / {@code write()}. Fair:
 *       a queued writer holds back later readers.</li>
 *   <li>{@code vthreads}: virtual threads with {@code ReentrantReadWriteLock} (non-fair).</li>
 *   <li>{@code vthreads_fair}: {@code new ReentrantReadWriteLock(true)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RwLockBenchmark {

    static final int TOTAL = 60_000;
    static final int WRITE_EVERY = 10;

    @Param({"weft", "vthreads", "vthreads_fair"})
    public String impl;

    @Param({"6", "100"})
    public int tasks;

    private Runtime rt;

    @Setup(Level.Trial)
    public void open() {
        if (TOTAL % tasks != 0) {
            throw new IllegalArgumentException("tasks must divide " + TOTAL + ", was " + tasks);
        }
        switch (impl) {
            case "weft" -> rt = Bench.weft();
            case "vthreads", "vthreads_fair" -> { }
            default -> throw Bench.unknown("impl", impl, "weft, vthreads or vthreads_fair");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, null);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long rwlock() throws InterruptedException, TimeoutException {
        int k = TOTAL / tasks;
        long writes = (long) tasks * (k / WRITE_EVERY);
        Done done = new Done(tasks);
        Counter counter = new Counter();
        switch (impl) {
            case "weft" -> {
                RwLock<Counter> lock = new RwLock<>(counter);
                Start.weft(rt, tasks, i -> new User(lock, k, done));
            }
            case "vthreads", "vthreads_fair" -> {
                ReentrantReadWriteLock lock = new ReentrantReadWriteLock(impl.equals("vthreads_fair"));
                ReentrantReadWriteLock.ReadLock r = lock.readLock();
                ReentrantReadWriteLock.WriteLock w = lock.writeLock();
                Start.vthreads(tasks, i -> {
                    long seen = 0;
                    for (int j = 1; j <= k; j++) {
                        if (j % WRITE_EVERY == 0) {
                            w.lock();
                            try {
                                counter.n++;
                            } finally {
                                w.unlock();
                            }
                        } else {
                            long v;
                            r.lock();
                            try {
                                v = counter.n;
                            } finally {
                                r.unlock();
                            }
                            if (v < seen) {
                                done.fail("a reader saw the counter go back from " + seen + " to " + v);
                                return;
                            }
                            seen = v;
                        }
                    }
                    done.countDown();
                }, done);
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await();
        if (counter.n != writes) {
            throw new IllegalStateException("counter is " + counter.n + ", expected " + writes);
        }
        return counter.n;
    }

    private static final class User implements Future<Void> {
        private final RwLock<Counter> lock;
        private final int k;
        private final Done done;
        private int round = 1;
        private long seen;
        private Future<RwLock.ReadGuard<Counter>> read;
        private Future<RwLock.WriteGuard<Counter>> write;

        User(RwLock<Counter> lock, int k, Done done) {
            this.lock = lock;
            this.k = k;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (; round <= k; round++) {
                if (round % WRITE_EVERY == 0) {
                    if (write == null) {
                        write = lock.write();
                    }
                    Poll<RwLock.WriteGuard<Counter>> p = write.poll(cx);
                    if (!p.isReady()) {
                        return Poll.pending();
                    }
                    write = null;
                    try (RwLock.WriteGuard<Counter> g = p.value()) {
                        g.get().n++;
                    }
                } else {
                    if (read == null) {
                        read = lock.read();
                    }
                    Poll<RwLock.ReadGuard<Counter>> p = read.poll(cx);
                    if (!p.isReady()) {
                        return Poll.pending();
                    }
                    read = null;
                    long v;
                    try (RwLock.ReadGuard<Counter> g = p.value()) {
                        v = g.get().n;
                    }
                    if (v < seen) {
                        done.fail("a reader saw the counter go back from " + seen + " to " + v);
                        return Poll.ready(null);
                    }
                    seen = v;
                }
            }
            done.countDown();
            return Poll.ready(null);
        }
    }
}
