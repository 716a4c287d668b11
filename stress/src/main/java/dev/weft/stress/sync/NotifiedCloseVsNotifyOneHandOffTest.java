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
 * Two waiters are queued, A before B. A is closed while {@code notifyOne()} runs. Either way B
 * ends up with the notification: the close came first (notifyOne picks B), or notifyOne picked A
 * first and A's close passed it on to B. No permit is stored while B waits.
 *
 * <p>Result: wakes of A, wakes of B, permit stored (1/0), waiters left queued.
 */
@JCStressTest
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "A closed first; notifyOne picked B")
@Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "A picked first; its close passed it on to B")
@Outcome(id = "., 0, .*", expect = FORBIDDEN, desc = "B never woken: notification lost or stored while B waits")
@Outcome(expect = FORBIDDEN, desc = "delivered twice, or a waiter left queued")
@State
public class NotifiedCloseVsNotifyOneHandOffTest {

    private final Notify notify = new Notify();
    private final CountingWaker wakerA = new CountingWaker();
    private final CountingWaker wakerB = new CountingWaker();
    private final Notified a = notify.notified();
    private final Notified b = notify.notified();

    public NotifiedCloseVsNotifyOneHandOffTest() {
        if (a.poll(NotifyFixtures.context(wakerA)).isReady() || b.poll(NotifyFixtures.context(wakerB)).isReady()) {
            throw new IllegalStateException("a fresh Notify must make the first polls wait");
        }
    }

    @Actor
    public void closer() {
        a.close();
    }

    @Actor
    public void notifier() {
        notify.notifyOne();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = wakerA.wakes();
        r.r2 = wakerB.wakes();
        r.r3 = NotifyFixtures.permit(notify);
        r.r4 = NotifyFixtures.waiterCount(notify);
    }
}
