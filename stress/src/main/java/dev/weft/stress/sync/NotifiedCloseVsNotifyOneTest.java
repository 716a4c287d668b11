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
 * The only queued waiter is closed (cancelled) while {@code notifyOne()} runs. The notification is
 * not lost either way: if the close came first, {@code notifyOne()} finds nobody and stores the
 * permit; if {@code notifyOne()} picked the waiter first (and woke it), the close passes the
 * notification on, and with nobody else queued it becomes the permit.
 *
 * <p>Result: wakes of the closed waiter, permit stored (1/0), waiters left queued.
 */
@JCStressTest
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "closed first; notifyOne stored the permit")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "picked and woken first; the close passed it on as the permit")
@Outcome(id = "., 0, .", expect = FORBIDDEN, desc = "lost notification: no permit stored")
@Outcome(expect = FORBIDDEN, desc = "woken twice, or the closed waiter left queued")
@State
public class NotifiedCloseVsNotifyOneTest {

    private final Notify notify = new Notify();
    private final CountingWaker waker = new CountingWaker();
    private final Notified notified = notify.notified();

    public NotifiedCloseVsNotifyOneTest() {
        if (notified.poll(NotifyFixtures.context(waker)).isReady()) {
            throw new IllegalStateException("a fresh Notify must make the first poll wait");
        }
    }

    @Actor
    public void closer() {
        notified.close();
    }

    @Actor
    public void notifier() {
        notify.notifyOne();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = waker.wakes();
        r.r2 = NotifyFixtures.permit(notify);
        r.r3 = NotifyFixtures.waiterCount(notify);
    }
}
