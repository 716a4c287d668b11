package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.CountingWaker;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SemaphoreTest {

    static <T> T ready(Poll<T> p) {
        assertThat(p.isReady()).as("ready").isTrue();
        return p.value();
    }

    static void close(Object f) throws Exception {
        ((AutoCloseable) f).close();
    }

    @Test
    void permitsComeBackWhenThePermitIsClosedOnce() {
        Semaphore s = new Semaphore(3);
        Semaphore.Permit p = s.tryAcquire(2).orElseThrow();
        assertThat(s.availablePermits()).isEqualTo(1);
        assertThat(p.permits()).isEqualTo(2);
        p.close();
        p.close();
        assertThat(s.availablePermits()).isEqualTo(3);
    }

    @Test
    void forgottenPermitsAreGoneForGood() {
        Semaphore s = new Semaphore(2);
        Semaphore.Permit p = s.tryAcquire().orElseThrow();
        p.forget();
        p.close();
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void waitersAreServedInArrivalOrder() {
        Semaphore s = new Semaphore(0);
        CountingWaker w1 = new CountingWaker(), w2 = new CountingWaker(), w3 = new CountingWaker();
        Future<Semaphore.Permit> a = s.acquire(), b = s.acquire(), c = s.acquire();
        assertThat(a.poll(w1.cx()).isReady()).isFalse();
        assertThat(b.poll(w2.cx()).isReady()).isFalse();
        assertThat(c.poll(w3.cx()).isReady()).isFalse();

        s.addPermits(1);
        assertThat(w1.wakes()).isEqualTo(1);
        assertThat(w2.wakes() + w3.wakes()).isZero();
        assertThat(b.poll(w2.cx()).isReady()).as("b is behind a").isFalse();
        ready(a.poll(w1.cx())).close(); // a's permit goes straight to b
        assertThat(w2.wakes()).isEqualTo(1);
        assertThat(w3.wakes()).isZero();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void aLargeRequestIsNotOvertakenBySmallerOnes() {
        Semaphore s = new Semaphore(0);
        CountingWaker wa = new CountingWaker(), wb = new CountingWaker();
        Future<Semaphore.Permit> big = s.acquire(3), small = s.acquire(1);
        assertThat(big.poll(wa.cx()).isReady()).isFalse();
        assertThat(small.poll(wb.cx()).isReady()).isFalse();

        s.addPermits(2);
        assertThat(small.poll(wb.cx()).isReady()).as("small waits behind big").isFalse();
        assertThat(s.tryAcquire()).as("tryAcquire does not barge").isEmpty();
        s.addPermits(2);
        assertThat(ready(big.poll(wa.cx())).permits()).isEqualTo(3);
        assertThat(ready(small.poll(wb.cx())).permits()).isEqualTo(1);
    }

    @Test
    void aCancelledWaiterGivesBackItsPartialGrant() throws Exception {
        Semaphore s = new Semaphore(1);
        CountingWaker wa = new CountingWaker(), wb = new CountingWaker();
        Future<Semaphore.Permit> big = s.acquire(3), small = s.acquire(1);
        assertThat(big.poll(wa.cx()).isReady()).isFalse(); // took the free permit as a partial grant
        assertThat(small.poll(wb.cx()).isReady()).isFalse();
        assertThat(s.availablePermits()).isZero();

        close(big);
        assertThat(wb.wakes()).as("the partial grant went to the next waiter").isEqualTo(1);
        assertThat(ready(small.poll(wb.cx())).permits()).isEqualTo(1);
    }

    @Test
    void theLastWaiterLeavingReopensTheFastPath() throws Exception {
        Semaphore s = new Semaphore(0);
        Future<Semaphore.Permit> a = s.acquire();
        a.poll(new CountingWaker().cx());
        close(a);
        s.addPermits(1);
        assertThat(s.tryAcquire()).as("no stale WAITERS flag").isPresent();
    }

    @Test
    void aGrantNobodySawIsPassedOnWhenTheWaiterIsCancelled() throws Exception {
        Semaphore s = new Semaphore(0);
        CountingWaker wa = new CountingWaker(), wb = new CountingWaker();
        Future<Semaphore.Permit> a = s.acquire(), b = s.acquire();
        a.poll(wa.cx());
        b.poll(wb.cx());
        s.addPermits(1); // granted to a, which never polls again
        assertThat(wa.wakes()).isEqualTo(1);
        close(a);
        assertThat(wb.wakes()).isEqualTo(1);
        ready(b.poll(wb.cx())).close();
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void closingFailsWaitersAndLaterAcquiresButHeldPermitsStillReturn() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = s.tryAcquire().orElseThrow();
        CountingWaker w = new CountingWaker();
        Future<Semaphore.Permit> waiting = s.acquire(2);
        assertThat(waiting.poll(w.cx()).isReady()).isFalse();

        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(w.wakes()).isEqualTo(1);
        assertThatThrownBy(() -> waiting.poll(w.cx()))
                .isInstanceOf(SemaphoreClosedException.class).hasMessageContaining("2 permits");
        assertThatThrownBy(s::tryAcquire).isInstanceOf(SemaphoreClosedException.class);
        assertThatThrownBy(() -> s.acquire().poll(w.cx())).isInstanceOf(SemaphoreClosedException.class);
        held.close();
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void badCountsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        Semaphore s = new Semaphore(Semaphore.MAX_PERMITS);
        assertThatThrownBy(() -> s.acquire(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.acquire(Semaphore.MAX_PERMITS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.addPermits(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceed");
        assertThatThrownBy(() -> s.addPermits(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollingAfterCompletionFails() {
        Semaphore s = new Semaphore(1);
        CountingWaker w = new CountingWaker();
        Future<Semaphore.Permit> a = s.acquire();
        ready(a.poll(w.cx()));
        assertThatThrownBy(() -> a.poll(w.cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acquiringZeroPermitsIsImmediate() {
        Semaphore s = new Semaphore(0);
        assertThat(ready(s.acquire(0).poll(new CountingWaker().cx())).permits()).isZero();
    }

    @Test
    void withPermitsReturnsThemWhenTheBodyEndsOrFails() {
        try (Runtime rt = RuntimeFlavour.CURRENT_THREAD.build()) {
            Semaphore s = new Semaphore(3);
            Integer inside = rt.blockOn(s.<Integer>withPermits(2, p -> Task.yieldNow().map(v -> (int) s.availablePermits())));
            assertThat(inside).as("two of three held while the body ran").isEqualTo(1);
            assertThat(s.availablePermits()).isEqualTo(3);
            assertThatThrownBy(() -> rt.blockOn(s.withPermits(3, p -> dev.weft.Futures.failed(new IllegalStateException("boom")))))
                    .hasMessageContaining("boom");
            assertThat(s.availablePermits()).isEqualTo(3);
        }
    }

    /** A task that always finds a permit still yields: a task spawned after it gets to run. */
    @Test
    void anAlwaysFreeSemaphoreStillYieldsToOtherTasks() {
        try (Runtime rt = RuntimeFlavour.CURRENT_THREAD.build()) {
            Semaphore s = new Semaphore(1);
            AtomicInteger acquiredBeforeOtherRan = new AtomicInteger(-1);
            AtomicInteger acquired = new AtomicInteger();
            JoinHandle<Void> loop = rt.spawn(Loops.repeat(10_000, i -> s.acquire().map(p -> {
                p.close();
                acquired.incrementAndGet();
                return null;
            })));
            JoinHandle<Void> other = rt.spawn(cx -> {
                acquiredBeforeOtherRan.set(acquired.get());
                return Poll.ready(null);
            });
            rt.blockOn(loop);
            rt.blockOn(other);
            assertThat(acquiredBeforeOtherRan.get()).as("the other task ran before the loop finished")
                    .isLessThan(10_000);
        }
    }

    /**
     * Seeded: tasks acquire random counts with random timeouts and aborts, hold across a yield,
     * release. At the end every permit is back and never more than the permits were out.
     */
    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void randomAbortsAndTimeoutsLoseNoPermit(RuntimeFlavour flavour) {
        long seed = 0x5eed_5e4aL + flavour.ordinal();
        Random rnd = new Random(seed);
        try (Runtime rt = flavour.builder().startPaused(true).build()) {
            Semaphore s = new Semaphore(4);
            AtomicLong held = new AtomicLong();
            AtomicLong maxHeld = new AtomicLong();
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                long[] wants = rnd.longs(50, 1, 4).toArray();
                long[] waitMs = rnd.longs(50, 0, 5).toArray();
                tasks.add(rt.spawn(Loops.repeat(50, i -> {
                    Future<Semaphore.Permit> acq = s.acquire(wants[i]);
                    return new Attempt(waitMs[i] == 0 ? acq : Time.timeout(Duration.ofMillis(waitMs[i]), acq),
                            held, maxHeld);
                })));
            }
            for (int i = 0; i < tasks.size(); i += 3) {
                tasks.get(i).abort();
            }
            for (JoinHandle<Void> h : tasks) {
                try {
                    rt.blockOn(h);
                } catch (JoinError e) {
                    assertThat(e.isCancelled()).as("only aborts fail tasks: " + e).isTrue();
                }
            }
            assertThat(maxHeld.get()).as("never more than 4 permits out (seed " + seed + ")").isLessThanOrEqualTo(4);
            assertThat(held.get()).isZero();
            assertThat(s.availablePermits()).as("every permit back (seed " + seed + ")").isEqualTo(4);
        }
    }

    /** Acquire (maybe timing out), hold across a yield, release. */
    private static final class Attempt implements Future<Void>, AutoCloseable {
        private final Future<Semaphore.Permit> acquire;
        private final AtomicLong held;
        private final AtomicLong maxHeld;
        private Semaphore.Permit permit;
        private Future<Void> yield;

        Attempt(Future<Semaphore.Permit> acquire, AtomicLong held, AtomicLong maxHeld) {
            this.acquire = acquire;
            this.held = held;
            this.maxHeld = maxHeld;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (permit == null) {
                Poll<Semaphore.Permit> p;
                try {
                    p = acquire.poll(cx);
                } catch (Elapsed e) {
                    return Poll.ready(null);
                }
                if (!p.isReady()) {
                    return Poll.pending();
                }
                permit = p.value();
                maxHeld.accumulateAndGet(held.addAndGet(permit.permits()), Math::max);
                yield = Task.yieldNow();
            }
            if (!yield.poll(cx).isReady()) {
                return Poll.pending();
            }
            close();
            return Poll.ready(null);
        }

        @Override
        public void close() {
            if (acquire instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (permit != null) {
                held.addAndGet(-permit.permits());
                permit.close();
                permit = null;
            }
        }
    }
}
