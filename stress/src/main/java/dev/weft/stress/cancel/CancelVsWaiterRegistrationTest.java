package dev.weft.stress.cancel;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.cancel.CancellationToken;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A task polls {@code cancelled()} for the first time (registering its waker) while another thread
 * cancels the token. The wake-up is never lost: the poll is ready, or the waker is woken exactly
 * once. Nothing stays registered afterwards.
 *
 * <p>Result: ready at the poll (1/0), wakes, waiters left registered.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "cancel came first: ready at the poll, no wake needed")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "registered first, then woken by cancel")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice, or a waiter left registered")
@State
public class CancelVsWaiterRegistrationTest {

    private final CancellationToken token = new CancellationToken();
    private final CountingWaker waker = new CountingWaker();
    private final Future<Void> waiter = token.cancelled();

    @Actor
    public void waiter(III_Result r) {
        r.r1 = waiter.poll(TokenFixtures.context(waker)).isReady() ? 1 : 0;
    }

    @Actor
    public void canceller() {
        token.cancel();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = waker.wakes();
        r.r3 = TokenFixtures.waiterCount(token);
    }
}
