package dev.weft.stress.time;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A due timer: the driver fires it while its owner cancels it (closes the Sleep). Both CAS from
 * REGISTERED, so exactly one wins; the waker is woken iff the fire won, and either way the entry
 * ends unlinked.
 *
 * <p>Result: timers fired by process(), disarm() returned true (1/0), waker wakes, pending timers.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "fired first: the waker was woken, the cancel found nothing to do")
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "cancelled first: the fire skipped it, no wake")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both fired and cancelled")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither fired nor cancelled: lost timer")
@Outcome(id = "0, 1, 1, .*", expect = FORBIDDEN, desc = "cancelled, yet its waker was woken")
@Outcome(id = ".*, [1-9]", expect = FORBIDDEN, desc = "the entry is still linked in the wheel")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class TimerCancelVsFireTest {

    private final TimerFixtures f = new TimerFixtures();
    private final CountingWaker waker = new CountingWaker();

    public TimerCancelVsFireTest() {
        f.timer.arm(f.driver, f.tick(1), waker);
        f.clockAt(1); // due
    }

    @Actor
    public void fire(IIII_Result r) {
        r.r1 = f.driver.process();
    }

    @Actor
    public void cancel(IIII_Result r) {
        r.r2 = f.timer.disarm(f.driver) ? 1 : 0;
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r3 = waker.wakes();
        r.r4 = f.driver.pendingTimers();
    }
}
