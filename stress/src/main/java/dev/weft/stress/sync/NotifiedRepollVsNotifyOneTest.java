package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.sync.Notified;
import dev.weft.sync.Notify;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A queued waiter is polled again with a new waker (its task moved, or it is polled by a combinator
 * with another waker) while {@code notifyOne()} picks it. Either the re-poll sees the notification
 * (ready; the old waker may have been woken), or it stores the new waker first and that one is
 * woken. Never pending with only the old waker woken.
 *
 * <p>Result: re-poll ready (1/0), wakes of the old waker, wakes of the new waker.
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "picked first (old waker woken); the re-poll is ready")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "new waker stored first, then woken")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and the new waker never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice")
@State
public class NotifiedRepollVsNotifyOneTest {

    private final Notify notify = new Notify();
    private final CountingWaker oldWaker = new CountingWaker();
    private final CountingWaker newWaker = new CountingWaker();
    private final Notified notified = notify.notified();

    public NotifiedRepollVsNotifyOneTest() {
        if (notified.poll(NotifyFixtures.context(oldWaker)).isReady()) {
            throw new IllegalStateException("a fresh Notify must make the first poll wait");
        }
    }

    @Actor
    public void waiter(III_Result r) {
        r.r1 = notified.poll(NotifyFixtures.context(newWaker)).isReady() ? 1 : 0;
    }

    @Actor
    public void notifier() {
        notify.notifyOne();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = oldWaker.wakes();
        r.r3 = newWaker.wakes();
    }
}
