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
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * A release vs the cancellation of the <em>first</em> of two queued acquires. The semaphore has no
 * permits; acquires A and B are queued in that order. One thread releases a permit while A's owner
 * closes A. The permit must reach B whoever wins: a release that came first granted A, and A's
 * cancel passes the grant on to B; a cancel that came first unlinked A, so the release finds B at
 * the head. Either way B is woken exactly once and its next poll acquires.
 *
 * <p>A "permit free while B still waits" outcome is forbidden too: while anyone is queued the
 * state word holds no permits (FairSemaphore's invariant), so a free permit next to a queued B
 * would be stranded behind it.
 *
 * <p>Result: A's wakes, B's wakes, B's next poll, then (with B holding the permit) free permits and
 * queued waiters.
 */
@JCStressTest
@Outcome(id = "0, 1, ACQUIRED, 0, 0", expect = ACCEPTABLE, desc = "A cancelled first: the release went to B")
@Outcome(id = "1, 1, ACQUIRED, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "A granted first (woken), its cancel passed the permit on to B")
@Outcome(id = "[^,]+, 0, ACQUIRED, .*", expect = FORBIDDEN, desc = "B was granted the permit but never woken: lost wake-up")
@Outcome(id = "[^,]+, [^,]+, PENDING, .*", expect = FORBIDDEN, desc = "B still waits: the permit was lost or stranded")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, permits created, a waiter left queued)")
@State
public class SemaphoreReleaseVsCancelledFirstWaiterTest {

    private final Semaphore semaphore = new Semaphore(0);
    private final CountingWaker wakerA = new CountingWaker();
    private final CountingWaker wakerB = new CountingWaker();
    private final Future<Semaphore.Permit> a = semaphore.acquire();
    private final Future<Semaphore.Permit> b = semaphore.acquire();

    public SemaphoreReleaseVsCancelledFirstWaiterTest() {
        if (SemaphoreFixtures.poll(a, wakerA).outcome != PENDING
                || SemaphoreFixtures.poll(b, wakerB).outcome != PENDING) {
            throw new AssertionError("both acquires should queue on an empty semaphore");
        }
    }

    @Actor
    public void release() {
        semaphore.addPermits(1);
    }

    @Actor
    public void cancelFirst() {
        SemaphoreFixtures.cancel(a);
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r1 = wakerA.wakes();
        r.r2 = wakerB.wakes();
        r.r3 = SemaphoreFixtures.poll(b, wakerB).outcome;
        r.r4 = semaphore.availablePermits();
        r.r5 = SemaphoreFixtures.queued(semaphore);
    }
}
