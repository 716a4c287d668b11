package dev.weft.stress.cancel;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.cancel.CancellationToken;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A child cancels itself (and unlinks from its parent) while the parent cancels its whole subtree.
 * Both locks are taken one at a time, so there is no deadlock; the child's waiter is woken exactly
 * once, and no link is left behind.
 *
 * <p>Result: wakes of the child's waiter, parent's child count, child cancelled (1/0).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "woken once, child cancelled, no link left")
@Outcome(expect = FORBIDDEN, desc = "a wake lost or doubled, or a stale link")
@State
public class ChildCancelVsParentCancelTest {

    private final CancellationToken parent = new CancellationToken();
    private final CancellationToken child = parent.child();
    private final CountingWaker waker = new CountingWaker();

    public ChildCancelVsParentCancelTest() {
        child.cancelled().poll(TokenFixtures.context(waker));
    }

    @Actor
    public void childCancels() {
        child.cancel();
    }

    @Actor
    public void parentCancels() {
        parent.cancel();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = waker.wakes();
        r.r2 = TokenFixtures.childCount(parent);
        r.r3 = child.isCancelled() ? 1 : 0;
    }
}
