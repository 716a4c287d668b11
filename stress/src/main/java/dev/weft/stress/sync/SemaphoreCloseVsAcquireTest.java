package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.sync.SemaphoreFixtures.NONE;
import static dev.weft.stress.sync.SemaphoreFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.sync.Semaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * {@code close()} vs the first poll of an acquire that must wait (the semaphore has no permits).
 * Close sets {@code CLOSED} and takes the queue under the lock; the acquirer checks {@code CLOSED}
 * on its fast path and again under the lock before linking. So the acquirer either sees
 * {@code CLOSED} at the poll, or was queued before the close and is failed and woken by it; it is
 * never left queued on a closed semaphore.
 *
 * <p>Result: the first poll, the waker's wakes, the arbiter's re-poll when the first was Pending
 * ({@code NONE} otherwise), queued waiters.
 */
@JCStressTest
@Outcome(id = "CLOSED, 0, NONE, 0", expect = ACCEPTABLE, desc = "closed first: the poll fails at once")
@Outcome(id = "PENDING, 1, CLOSED, 0", expect = ACCEPTABLE_INTERESTING, desc = "queued first, then failed and woken by the close")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: queued on a closed semaphore and never woken")
@Outcome(expect = FORBIDDEN, desc = "anything else (acquired without permits, woken twice, left queued)")
@State
public class SemaphoreCloseVsAcquireTest {

    private final Semaphore semaphore = new Semaphore(0);
    private final CountingWaker waker = new CountingWaker();
    private final Future<Semaphore.Permit> acquire = semaphore.acquire();

    @Actor
    public void acquire(LLLL_Result r) {
        r.r1 = SemaphoreFixtures.poll(acquire, waker).outcome;
    }

    @Actor
    public void close() {
        semaphore.close();
    }

    @Arbiter
    public void check(LLLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? SemaphoreFixtures.poll(acquire, waker).outcome : NONE;
        r.r4 = SemaphoreFixtures.queued(semaphore);
    }
}
