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
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * The {@code WAITERS}-flag race: the first poll of an acquire on an empty semaphore (its fast path
 * fails, so it raises {@code WAITERS} by a CAS under the lock and links itself) vs a concurrent
 * release (whose lock-free CAS succeeds only while {@code WAITERS} is clear, else it takes the lock
 * and hands the permit to the queue). Either the release's CAS came first and the acquirer's CAS
 * fails and re-reads the permit (acquired at the poll), or the release sees {@code WAITERS} and
 * grants the queued waiter, which is woken exactly once. Never a queued waiter with the permit
 * sitting in the word (lost hand-off).
 *
 * <p>Result: the first poll, the waker's wakes, the arbiter's re-poll when the first was Pending
 * ({@code NONE} otherwise), then free permits and queued waiters with the acquirer holding the
 * permit.
 */
@JCStressTest
@Outcome(id = "ACQUIRED, 0, NONE, 0, 0", expect = ACCEPTABLE, desc = "the release came first: acquired at the poll")
@Outcome(id = "PENDING, 1, ACQUIRED, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "queued first, then granted by the release and woken once")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost hand-off: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, permit duplicated, waiter left queued)")
@State
public class SemaphoreAcquireVsReleaseTest {

    private final Semaphore semaphore = new Semaphore(0);
    private final CountingWaker waker = new CountingWaker();
    private final Future<Semaphore.Permit> acquire = semaphore.acquire();

    @Actor
    public void acquire(LLLLL_Result r) {
        r.r1 = SemaphoreFixtures.poll(acquire, waker).outcome;
    }

    @Actor
    public void release() {
        semaphore.addPermits(1);
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? SemaphoreFixtures.poll(acquire, waker).outcome : NONE;
        r.r4 = semaphore.availablePermits();
        r.r5 = SemaphoreFixtures.queued(semaphore);
    }
}
