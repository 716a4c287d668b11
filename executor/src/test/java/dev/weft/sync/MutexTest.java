package dev.weft.sync;

import static dev.weft.sync.SemaphoreTest.close;
import static dev.weft.sync.SemaphoreTest.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.CountingWaker;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MutexTest {

    @Test
    void theGuardGivesAccessUntilClosed() {
        Mutex<String> m = new Mutex<>("a");
        MutexGuard<String> g = ready(m.lock().poll(new CountingWaker().cx()));
        assertThat(m.isLocked()).isTrue();
        assertThat(g.get()).isEqualTo("a");
        g.set("b");
        g.close();
        g.close();
        assertThat(m.isLocked()).isFalse();
        assertThatThrownBy(g::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> g.set("c")).isInstanceOf(IllegalStateException.class);
        assertThat(m.tryLock().orElseThrow().get()).isEqualTo("b");
    }

    @Test
    void tryLockFailsWhileHeldOrWhileOthersWait() {
        Mutex<Integer> m = new Mutex<>(0);
        MutexGuard<Integer> g = m.tryLock().orElseThrow();
        assertThat(m.tryLock()).isEmpty();
        CountingWaker w = new CountingWaker();
        Future<MutexGuard<Integer>> waiter = m.lock();
        assertThat(waiter.poll(w.cx()).isReady()).isFalse();
        g.close();
        assertThat(w.wakes()).as("unlock hands over to the waiter").isEqualTo(1);
        assertThat(m.tryLock()).as("the lock now belongs to the waiter").isEmpty();
        ready(waiter.poll(w.cx())).close();
        assertThat(m.tryLock()).isPresent();
    }

    @Test
    void aLockHandedToACancelledWaiterGoesToTheNextOne() throws Exception {
        Mutex<Integer> m = new Mutex<>(0);
        MutexGuard<Integer> g = m.tryLock().orElseThrow();
        CountingWaker wa = new CountingWaker(), wb = new CountingWaker();
        Future<MutexGuard<Integer>> a = m.lock(), b = m.lock();
        a.poll(wa.cx());
        b.poll(wb.cx());
        g.close();         // handed to a
        close(a);          // a lost a select, say: the lock must not stay with nobody
        assertThat(wb.wakes()).isEqualTo(1);
        ready(b.poll(wb.cx())).close();
        assertThat(m.isLocked()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void excludesEveryOtherTaskEvenAcrossAwaits(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Mutex<int[]> m = new Mutex<>(new int[1]);
            int tasks = 8, rounds = 500;
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                hs.add(rt.spawn(Loops.repeat(rounds, i -> m.lock().then(g -> {
                    int before = g.get()[0];
                    return Task.yieldNow().map(v -> { // another task runs while this one holds the lock
                        g.get()[0] = before + 1;
                        g.close();
                        return null;
                    });
                }))));
            }
            hs.forEach(rt::blockOn);
            assertThat(m.tryLock().orElseThrow().get()[0]).isEqualTo(tasks * rounds);
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void aGuardMayBeUnlockedByAnotherTask(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Mutex<String> m = new Mutex<>("x");
            MutexGuard<String> g = rt.blockOn(rt.spawn(m.lock()));
            rt.blockOn(rt.spawn(cx -> {
                g.close();
                return dev.weft.Poll.ready(null);
            }));
            assertThat(rt.blockOn(m.lock()).get()).isEqualTo("x");
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void withLockUnlocksWhenTheBodyCompletesFailsOrIsAborted(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            Mutex<String> m = new Mutex<>("a");
            String done = rt.blockOn(m.<String>withLock(g -> Task.yieldNow().map(v -> g.get() + "!")));
            assertThat(done).isEqualTo("a!");
            assertThat(m.isLocked()).isFalse();

            assertThatThrownBy(() -> rt.blockOn(m.withLock(g -> dev.weft.Futures.failed(new IllegalStateException("boom")))))
                    .hasMessageContaining("boom");
            assertThat(m.isLocked()).isFalse();

            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            JoinHandle<Object> h = rt.spawn(m.withLock(g -> {
                holding.countDown();
                return dev.weft.Futures.pending(); // holds the lock until aborted
            }));
            rt.blockOn(dev.weft.Futures.pollFn(cx -> { // lets a current-thread runtime run it
                if (holding.getCount() == 0) {
                    return dev.weft.Poll.ready(null);
                }
                cx.waker().wake();
                return dev.weft.Poll.pending();
            }));
            assertThat(m.isLocked()).isTrue();
            h.abort();
            String after = rt.blockOn(m.<String>withLock(g -> dev.weft.Futures.ready(g.get())));
            assertThat(after).as("the abort unlocked it").isEqualTo("a");
        }
    }
}
