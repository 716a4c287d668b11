package dev.weft.stress.cancel;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.cancel.CancellationToken;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A child token is created, and a waiter registered on it, while the parent is cancelled. The
 * child always ends up cancelled (born cancelled, or cancelled through the parent), its waiter is
 * ready or woken exactly once, and the parent keeps no link to it.
 *
 * <p>Result: waiter ready at its poll (1/0), child cancelled (1/0), wakes, parent's child count.
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "child saw the cancel at once (born cancelled, or cancelled before the poll)")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "child linked and waiter registered, then both cancelled through the parent")
@Outcome(expect = FORBIDDEN, desc = "child missed the parent's cancel, a wake lost or doubled, or a stale link kept")
@State
public class ChildVsParentCancelTest {

    private final CancellationToken parent = new CancellationToken();
    private final CountingWaker waker = new CountingWaker();
    private volatile CancellationToken child;

    @Actor
    public void creator(IIII_Result r) {
        CancellationToken c = parent.child();
        child = c;
        r.r1 = c.cancelled().poll(TokenFixtures.context(waker)).isReady() ? 1 : 0;
    }

    @Actor
    public void canceller() {
        parent.cancel();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = child.isCancelled() ? 1 : 0;
        r.r3 = waker.wakes();
        r.r4 = TokenFixtures.childCount(parent);
    }
}
