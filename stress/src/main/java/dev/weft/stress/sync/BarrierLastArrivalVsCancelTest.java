package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.sync.Barrier;
import dev.weft.sync.BarrierWaitResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A barrier of 2 parties; A has arrived and waits. A is closed (cancelled) while B arrives. Either
 * A withdrew first, and B is the only arrival of the generation (pending, counted once, queued);
 * or B completed the generation first, as its leader, releasing A, whose close then changes
 * nothing (count back to 0 for the next generation).
 *
 * <p>Result: B's first poll (0 pending, 1 ready as leader, 2 ready as follower), wakes of A,
 * arrivals counted afterwards, waiters left queued.
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "A withdrew first; B waits alone, counted once")
@Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "B arrived first: leader, A released; A's close changed nothing")
@Outcome(expect = FORBIDDEN, desc = "wrong count (a withdrawn or released arrival still counted), B not leader, or A woken for nothing")
@State
public class BarrierLastArrivalVsCancelTest {

    private final Barrier barrier = new Barrier(2);
    private final CountingWaker wakerA = new CountingWaker();
    private final CountingWaker wakerB = new CountingWaker();
    private final Future<BarrierWaitResult> a = barrier.await();
    private final Future<BarrierWaitResult> b = barrier.await();

    public BarrierLastArrivalVsCancelTest() {
        if (a.poll(NotifyFixtures.context(wakerA)).isReady()) {
            throw new IllegalStateException("the first of 2 parties must wait");
        }
    }

    @Actor
    public void closer() {
        try {
            ((AutoCloseable) a).close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Actor
    public void arriver(IIII_Result r) {
        Poll<BarrierWaitResult> p = b.poll(NotifyFixtures.context(wakerB));
        r.r1 = !p.isReady() ? 0 : p.value().isLeader() ? 1 : 2;
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = wakerA.wakes();
        r.r3 = BarrierFixtures.arrivedCount(barrier);
        r.r4 = BarrierFixtures.waiterCount(barrier);
    }
}
