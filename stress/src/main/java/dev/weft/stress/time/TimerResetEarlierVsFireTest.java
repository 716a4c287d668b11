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
 * A timer due at 10 s, the clock at 3 ms: the owner resets it to 3 ms (re-filed under the lock by
 * {@code moveEarlier}) while the driver fires what is due. The fire comes before the re-file (and
 * finds nothing) or after it (and fires it); a second process() by the arbiter stands for the
 * driver's next pass. The timer fires exactly once, with one wake, and is unlinked afterwards.
 *
 * <p>Result: fired by the racing process(), fired by the arbiter's process(), wakes, pending timers.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "the re-file came first: the racing fire took it")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE, desc = "the fire came first and found nothing due; the next pass fired it")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "fired twice")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost: never fired at its earlier deadline")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class TimerResetEarlierVsFireTest {

    private final TimerFixtures f = new TimerFixtures();
    private final CountingWaker waker = new CountingWaker();

    public TimerResetEarlierVsFireTest() {
        f.timer.arm(f.driver, f.tick(10_000), waker);
        f.clockAt(3);
    }

    @Actor
    public void owner() {
        f.timer.moveTo(f.driver, f.tick(3));
    }

    @Actor
    public void fire(IIII_Result r) {
        r.r1 = f.driver.process();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = f.driver.process();
        r.r3 = waker.wakes();
        r.r4 = f.driver.pendingTimers();
    }
}
