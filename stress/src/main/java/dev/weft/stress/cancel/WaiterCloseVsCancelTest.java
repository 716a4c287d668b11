package dev.weft.stress.cancel;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.cancel.CancellationToken;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A registered waiter is closed (its select lost, say) while the token is cancelled. Either order
 * is fine; the waiter leaves nothing behind and is woken at most once, never after a close that
 * won.
 *
 * <p>Result: wakes, waiters left registered.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "closed first: unlinked, never woken")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "cancelled first: woken once; close found nothing to unlink")
@Outcome(expect = FORBIDDEN, desc = "woken twice, or a waiter left registered")
@State
public class WaiterCloseVsCancelTest {

    private final CancellationToken token = new CancellationToken();
    private final CountingWaker waker = new CountingWaker();
    private final Future<Void> waiter = token.cancelled();

    public WaiterCloseVsCancelTest() {
        waiter.poll(TokenFixtures.context(waker)); // registered before the race starts
    }

    @Actor
    public void closer() {
        try {
            ((AutoCloseable) waiter).close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Actor
    public void canceller() {
        token.cancel();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = waker.wakes();
        r.r2 = TokenFixtures.waiterCount(token);
    }
}
