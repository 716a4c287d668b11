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
 * The first poll of a fresh {@code Notified} (permit check, then registration under the lock)
 * races with {@code notifyOne()} (its lock-free CAS to store a permit, or the locked hand-off).
 * The notification is never lost and never delivered twice.
 *
 * <p>Result: ready at the poll (1/0), wakes, permit left stored (1/0), waiters left queued.
 */
@JCStressTest
@Outcome(id = "1, 0, 0, 0", expect = ACCEPTABLE, desc = "notifyOne stored the permit first; the poll took it")
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "registered first, then picked and woken")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost notification: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "delivered twice (ready and permit/wake), or a waiter left queued")
@State
public class NotifyOneVsRegistrationTest {

    private final Notify notify = new Notify();
    private final CountingWaker waker = new CountingWaker();
    private final Notified notified = notify.notified();

    @Actor
    public void waiter(IIII_Result r) {
        r.r1 = notified.poll(NotifyFixtures.context(waker)).isReady() ? 1 : 0;
    }

    @Actor
    public void notifier() {
        notify.notifyOne();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = waker.wakes();
        r.r3 = NotifyFixtures.permit(notify);
        // A woken waiter was unlinked by the notifier; a pending one would still be queued.
        r.r4 = NotifyFixtures.waiterCount(notify);
    }
}
