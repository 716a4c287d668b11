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
 * Waker publication: a timer registered by an earlier poll (waker A) is due; the task is re-polled
 * on another thread with a new waker B ({@code arm} writes B, then reads the state) while the
 * driver fires (CAS to FIRED, then reads the waker). Either the firer reads B, or the poller sees
 * FIRED and registers again, so that the arbiter's process() (the driver's next pass) wakes B:
 * B is always woken. Waking A instead is allowed only when the poller then re-registered.
 *
 * <p>Result: A's wakes, B's wakes during the race, entry registered after the race (1/0), B's wakes
 * after the arbiter's process().
 */
@JCStressTest
@Outcome(id = "0, 1, 0, 1", expect = ACCEPTABLE, desc = "the firer saw the new waker B")
@Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE, desc = "the firer woke A; the poller saw FIRED and re-registered, the next pass woke B")
@Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "A woken, the poller re-registered, and the same process() pass fired it again for B")
@Outcome(id = "0, 1, 1, 2", expect = ACCEPTABLE, desc = "both saw each other: the firer woke B and the poller re-registered; a second, spurious wake of B")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "lost wake: the new waker B was never woken")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class TimerArmVsFireTest {

    private final TimerFixtures f = new TimerFixtures();
    private final CountingWaker a = new CountingWaker();
    private final CountingWaker b = new CountingWaker();

    public TimerArmVsFireTest() {
        f.timer.arm(f.driver, f.tick(1), a);
        f.clockAt(1);
    }

    @Actor
    public void poller() {
        f.timer.arm(f.driver, f.tick(1), b);
    }

    @Actor
    public void fire() {
        f.driver.process();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = a.wakes();
        r.r2 = b.wakes();
        r.r3 = f.timer.isRegistered() ? 1 : 0;
        f.driver.process();
        r.r4 = b.wakes();
    }
}
