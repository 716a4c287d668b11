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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A {@code Notified} created before {@code notifyWaiters()} has its first poll while that call
 * runs. It must complete: ready at the poll (it saw the new generation), or queued first and woken
 * by the call. {@code notifyWaiters()} stores no permit.
 *
 * <p>Result: ready at the poll (1/0), wakes, permit stored (1/0), waiters left queued.
 */
@JCStressTest
@Outcome(id = "1, 0, 0, 0", expect = ACCEPTABLE, desc = "notifyWaiters first: the poll saw the new generation")
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "queued first, then woken by notifyWaiters")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "a permit stored, woken twice, or a waiter left queued")
@State
public class NotifyWaitersVsRegistrationTest {

    private final Notify notify = new Notify();
    private final CountingWaker waker = new CountingWaker();
    private final Notified notified = notify.notified();

    @Actor
    public void waiter(IIII_Result r) {
        r.r1 = notified.poll(NotifyFixtures.context(waker)).isReady() ? 1 : 0;
    }

    @Actor
    public void notifier() {
        notify.notifyWaiters();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = waker.wakes();
        r.r3 = NotifyFixtures.permit(notify);
        r.r4 = NotifyFixtures.waiterCount(notify);
    }
}
