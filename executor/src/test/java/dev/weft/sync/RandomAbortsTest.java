package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.Chaos;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded conservation under chaos for the primitives without their own randomized test (the
 * semaphore and Notify have theirs): many tasks, random timeouts on every wait, random aborts. At
 * the end the lock is free with nobody queued, the cell holds one value, the barrier holds no
 * arrival.
 */
class RandomAbortsTest {

    private static final long[] SEEDS = {1, 2, 3};

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void mutexEndsUnlockedWithNobodyQueuedAndExcludedEveryone(RuntimeFlavour flavour) {
        for (long seed : SEEDS) {
            Random rnd = new Random(seed * 31 + flavour.ordinal());
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                Mutex<int[]> m = new Mutex<>(new int[1]);
                AtomicInteger entered = new AtomicInteger();
                Chaos.run(rt, rnd, 40, 0.25, t -> {
                    Random r = new Random(rnd.nextLong());
                    // withLock: an abort while the lock is held (across the yield) still unlocks
                    return Loops.repeat(30, i -> Chaos.maybeTimeout(r, m.withLock(g -> {
                        int before = g.get()[0];
                        return Task.yieldNow().map(v -> { // another task runs while we hold it
                            g.get()[0] = before + 1;
                            entered.incrementAndGet();
                            return null;
                        });
                    })));
                });
                MutexGuard<int[]> g = m.tryLock()
                        .orElseThrow(() -> new AssertionError("locked or a waiter left, seed " + seed));
                assertThat(g.get()[0]).as("no lost update, seed %d", seed).isEqualTo(entered.get());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void rwLockEndsFreeAndReadersNeverSeeHalfAWrite(RuntimeFlavour flavour) {
        for (long seed : SEEDS) {
            Random rnd = new Random(seed * 37 + flavour.ordinal());
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                RwLock<int[]> l = new RwLock<>(new int[2], 8);
                AtomicInteger torn = new AtomicInteger();
                Chaos.run(rt, rnd, 40, 0.25, t -> {
                    Random r = new Random(rnd.nextLong());
                    boolean writer = t % 4 == 0;
                    return Loops.repeat(30, i -> writer
                            ? Chaos.maybeTimeout(r, l.withWrite(RandomAbortsTest::bump))
                            : Chaos.maybeTimeout(r, l.withRead(g -> Task.yieldNow().map(v -> {
                                if (g.get()[0] != g.get()[1]) {
                                    torn.incrementAndGet();
                                }
                                return null;
                            }))));
                });
                assertThat(torn.get()).as("seed %d", seed).isZero();
                assertThat(l.tryWrite()).as("every slot back, nobody queued, seed %d", seed).isPresent();
            }
        }
    }

    private static Future<Void> bump(RwLock.WriteGuard<int[]> g) {
        return new Bump(g.get());
    }

    /**
     * A write in two halves with a yield between; cancelled in the middle, it repairs the pair in
     * {@code close()}, which {@code withWrite} runs while it still holds the lock.
     */
    private static final class Bump implements Future<Void>, AutoCloseable {
        private final int[] pair;
        private Future<Void> yield;
        private boolean done;

        Bump(int[] pair) {
            this.pair = pair;
        }

        @Override
        public dev.weft.Poll<Void> poll(dev.weft.Context cx) {
            if (yield == null) {
                pair[0]++;
                yield = Task.yieldNow();
            }
            if (!yield.poll(cx).isReady()) {
                return dev.weft.Poll.pending();
            }
            pair[1]++;
            done = true;
            return dev.weft.Poll.ready(null);
        }

        @Override
        public void close() {
            if (yield != null && !done) {
                pair[1] = pair[0]; // cancelled half-way: undo nothing, complete the write
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void onceCellSettlesOnOneValueWhateverIsCancelled(RuntimeFlavour flavour) {
        for (long seed : SEEDS) {
            Random rnd = new Random(seed * 41 + flavour.ordinal());
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                OnceCell<String> cell = new OnceCell<>();
                AtomicInteger completedInits = new AtomicInteger();
                List<String> got = Chaos.run(rt, rnd, 30, 0.3, t -> {
                    Random r = new Random(rnd.nextLong());
                    return Chaos.maybeTimeout(r, cell.getOrInit(() -> Loops.repeat(1 + r.nextInt(3),
                            i -> dev.weft.time.Time.sleep(java.time.Duration.ofMillis(1)))
                            .map(v -> {
                                completedInits.incrementAndGet();
                                return "from " + t;
                            })));
                });
                // whoever survives with a value saw the same one; a late caller gets it at once
                String value = rt.blockOn(cell.getOrInit(() -> Futures.ready("late")));
                assertThat(got.stream().filter(Objects::nonNull)).as("seed %d", seed).containsOnly(value);
                assertThat(completedInits.get()).as("one initialiser finished, seed %d", seed)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void barrierHoldsNoArrivalOnceEveryWaiterLeft(RuntimeFlavour flavour) {
        for (long seed : SEEDS) {
            Random rnd = new Random(seed * 43 + flavour.ordinal());
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                Barrier b = new Barrier(3);
                AtomicInteger leaders = new AtomicInteger();
                AtomicInteger passed = new AtomicInteger();
                Chaos.run(rt, rnd, 30, 0.2, t -> {
                    Random r = new Random(rnd.nextLong());
                    // every wait is bounded: a generation may never fill
                    return Loops.repeat(10, i -> Chaos.timeout(r, b.await()).map(res -> {
                        if (res != null) {
                            passed.incrementAndGet();
                            if (res.isLeader()) {
                                leaders.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                });
                assertThat(b.waiterCount()).as("seed %d", seed).isZero();
                assertThat(b.arrivedCount()).as("seed %d", seed).isZero();
                // a released waiter may still lose the race with its own deadline or an abort
                assertThat(passed.get()).as("released in whole generations, seed %d", seed)
                        .isLessThanOrEqualTo(leaders.get() * 3).isGreaterThan(0);
            }
        }
    }
}
