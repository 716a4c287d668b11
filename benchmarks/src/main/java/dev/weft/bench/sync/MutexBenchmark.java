package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Waker;
import dev.weft.sync.Mutex;
import dev.weft.sync.MutexGuard;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
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
 * {@code mutex}: contended and uncontended locking.
 *
 * <p>{@link #mutex}: {@code tasks} ∈ {6, 100} tasks share {@value #TOTAL} lock / increment /
 * unlock rounds ({@code TOTAL / tasks} each); the operation ends when all finished and checks the
 * counter equals {@value #TOTAL}. Score: time per lock/unlock pair.
 * <ul>
 *   <li>{@code weft}: {@code Mutex<Counter>}, each task awaits {@code lock()}, increments through
 *       the guard and closes it. Weft's mutex is fair (FIFO hand-off to the first waiter).</li>
 *   <li>{@code vthreads}: virtual threads with {@code ReentrantLock} (default, non-fair: an
 *       unlocking thread may take the lock straight back, which saves a hand-off).</li>
 *   <li>{@code vthreads_fair}: the same with {@code new ReentrantLock(true)}, the like-for-like
 *       comparison with Weft's FIFO mutex.</li>
 * </ul>
 *
 * <p>{@link #lock_unlock}: one thread locks, increments and unlocks a lock nobody else touches:
 * {@code weft} is {@code tryLock()} + {@code close()}; {@code weft_lock} is {@code lock()} polled
 * by hand with a no-op waker ({@code new Context(Waker.noop())}) + {@code close()};
 * {@code reentrantlock} is {@code lock()} + {@code unlock()}. BENCHMARKS.md's target: as cheap as
 * {@code ReentrantLock}'s fast path. Two floors with no lock class at all, on one {@code int} word
 * through a {@code VarHandle}: {@code floor_cas_cas} locks with a compare-and-set and unlocks with
 * another (the protocol the target names, and Weft's), {@code floor_cas_store} unlocks with a
 * volatile store instead (what {@code ReentrantLock.unlock()} does). They tell how much of a gap
 * is the unlock instruction rather than the code around it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MutexBenchmark {

    static final int TOTAL = 60_000;

    /** The contended workload's state. */
    @State(Scope.Benchmark)
    public static class Contended {
        @Param({"weft", "vthreads", "vthreads_fair"})
        public String impl;

        @Param({"6", "100"})
        public int tasks;

        Runtime rt;

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
    }

    /** The uncontended microbenchmark's state: one lock per benchmark thread. */
    @State(Scope.Thread)
    public static class Single {
        @Param({"weft", "weft_lock", "reentrantlock", "floor_cas_cas", "floor_cas_store"})
        public String impl;

        int kind;
        volatile int word; // the floors' lock word: 0 free, 1 held
        final Counter counter = new Counter();
        final Mutex<Counter> mutex = new Mutex<>(counter);
        final ReentrantLock lock = new ReentrantLock();
        final Context cx = new Context(Waker.noop());

        @Setup(Level.Trial)
        public void open() {
            kind = switch (impl) {
                case "weft" -> 0;
                case "weft_lock" -> 1;
                case "reentrantlock" -> 2;
                case "floor_cas_cas" -> 3;
                case "floor_cas_store" -> 4;
                default -> throw Bench.unknown("impl", impl,
                        "weft, weft_lock, reentrantlock, floor_cas_cas or floor_cas_store");
            };
        }

        @TearDown(Level.Trial)
        public void check() {
            if (mutex.isLocked() || lock.isLocked() || word != 0) {
                throw new IllegalStateException("a lock was left locked");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long mutex(Contended s) throws InterruptedException, TimeoutException {
        int k = TOTAL / s.tasks;
        Done done = new Done(s.tasks);
        Counter counter = new Counter();
        switch (s.impl) {
            case "weft" -> {
                Mutex<Counter> m = new Mutex<>(counter);
                Start.weft(s.rt, s.tasks, i -> new Locker(m, k, done));
            }
            case "vthreads", "vthreads_fair" -> {
                ReentrantLock lock = new ReentrantLock(s.impl.equals("vthreads_fair"));
                Start.vthreads(s.tasks, i -> {
                    for (int j = 0; j < k; j++) {
                        lock.lock();
                        try {
                            counter.n++;
                        } finally {
                            lock.unlock();
                        }
                    }
                    done.countDown();
                }, done);
            }
            default -> throw new IllegalStateException(s.impl);
        }
        done.await();
        if (counter.n != TOTAL) {
            throw new IllegalStateException("counter is " + counter.n + ", expected " + TOTAL);
        }
        return counter.n;
    }

    @Benchmark
    public long lock_unlock(Single s) {
        switch (s.kind) {
            case 0 -> {
                MutexGuard<Counter> g = s.mutex.tryLock().orElseThrow();
                g.get().n++;
                g.close();
            }
            case 1 -> {
                MutexGuard<Counter> g = s.mutex.lock().poll(s.cx).value();
                g.get().n++;
                g.close();
            }
            case 3 -> {
                if (!WORD.compareAndSet(s, 0, 1)) {
                    throw new IllegalStateException("floor lock word held");
                }
                s.counter.n++;
                if (!WORD.compareAndSet(s, 1, 0)) {
                    throw new IllegalStateException("floor lock word not held");
                }
            }
            case 4 -> {
                if (!WORD.compareAndSet(s, 0, 1)) {
                    throw new IllegalStateException("floor lock word held");
                }
                s.counter.n++;
                s.word = 0;
            }
            default -> {
                ReentrantLock lock = s.lock;
                lock.lock();
                try {
                    s.counter.n++;
                } finally {
                    lock.unlock();
                }
            }
        }
        return s.counter.n;
    }

    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(Single.class, "word", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One contending task: {@code k} rounds of lock, increment, unlock. */
    private static final class Locker implements Future<Void> {
        private final Mutex<Counter> mutex;
        private final Done done;
        private int left;
        private Future<MutexGuard<Counter>> lock;

        Locker(Mutex<Counter> mutex, int k, Done done) {
            this.mutex = mutex;
            this.left = k;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (left > 0) {
                if (lock == null) {
                    lock = mutex.lock();
                }
                Poll<MutexGuard<Counter>> p = lock.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                lock = null;
                try (MutexGuard<Counter> g = p.value()) {
                    g.get().n++;
                }
                left--;
            }
            done.countDown();
            return Poll.ready(null);
        }
    }
}
