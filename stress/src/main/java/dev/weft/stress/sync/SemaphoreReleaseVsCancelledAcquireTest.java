package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
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
 * Permit conservation: a release vs the cancellation of the only queued acquire. The semaphore has
 * no permits and one acquire is queued (polled Pending before the actors start, so {@code WAITERS}
 * is set). One thread releases a permit while the owner closes the acquire. Whoever wins, the
 * permit ends up free: if the release came first it was granted to the waiter, and the cancel
 * passes the grant back; if the cancel came first, the waiter left, cleared {@code WAITERS}, and
 * the release took the lock-free path (or found the empty queue under the lock).
 *
 * <p>Result: the waiter's wakes, free permits, queued waiters, then whether the arbiter's
 * {@code tryAcquire()} got the permit (it fails if {@code WAITERS} was left set over an empty
 * queue).
 */
@JCStressTest
@Outcome(id = "0, 1, 0, true", expect = ACCEPTABLE, desc = "cancelled first: the release found no waiter, the permit is free")
@Outcome(id = "1, 1, 0, true", expect = ACCEPTABLE_INTERESTING, desc = "granted first (waker woken), then the cancel passed the permit back")
@Outcome(id = "[^,]+, 0, [^,]+, [^,]+", expect = FORBIDDEN, desc = "lost permit: neither free nor held by anyone")
@Outcome(id = "[^,]+, [^,]+, [1-9][0-9]*, [^,]+", expect = FORBIDDEN, desc = "the cancelled waiter is still queued")
@Outcome(id = "[^,]+, [^,]+, [^,]+, false", expect = FORBIDDEN, desc = "a free permit cannot be taken: WAITERS left set over an empty queue")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, permits created)")
@State
public class SemaphoreReleaseVsCancelledAcquireTest {

    private final Semaphore semaphore = new Semaphore(0);
    private final CountingWaker waker = new CountingWaker();
    private final Future<Semaphore.Permit> acquire = semaphore.acquire();

    public SemaphoreReleaseVsCancelledAcquireTest() {
        if (SemaphoreFixtures.poll(acquire, waker).outcome != PENDING) {
            throw new AssertionError("the acquire should queue on an empty semaphore");
        }
    }

    @Actor
    public void release() {
        semaphore.addPermits(1);
    }

    @Actor
    public void cancel() {
        SemaphoreFixtures.cancel(acquire);
    }

    @Arbiter
    public void check(LLLL_Result r) {
        r.r1 = waker.wakes();
        r.r2 = semaphore.availablePermits();
        r.r3 = SemaphoreFixtures.queued(semaphore);
        r.r4 = semaphore.tryAcquire().isPresent();
    }
}
