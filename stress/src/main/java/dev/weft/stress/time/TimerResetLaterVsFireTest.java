package dev.weft.stress.time;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * A timer due at 1 ms, the clock at 1 ms: the owner resets it to 5 ms (the lock-free
 * {@code moveTo} of a later deadline) and polls, as {@code Sleep.reset} then {@code Sleep.poll}
 * do, while the driver fires what is due. The fire may still see the old deadline and wake the
 * owner (a spurious wake), or see the new one and re-file the entry; but the owner's poll is never
 * Ready before 5 ms, and the timer then fires exactly once at 5 ms, never at 4.
 *
 * <p>Result: owner's poll Ready (1/0), wakes during the race, entry still registered after the
 * race (1/0), fires at 4 ms, wakes at 5 ms.
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 0, 1", expect = ACCEPTABLE, desc = "the fire saw the new deadline: re-filed, fired once at 5 ms")
@Outcome(id = "0, 1, 0, 0, 1", expect = ACCEPTABLE, desc = "the fire saw the old deadline: a spurious wake; the owner re-armed, fired once at 5 ms")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "the sleep completed before its new deadline")
@Outcome(id = "0, [01], [01], [1-9], .*", expect = FORBIDDEN, desc = "fired before its current deadline (at 4 ms)")
@Outcome(id = "0, [01], [01], 0, 0", expect = FORBIDDEN, desc = "lost: never fired at its new deadline")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class TimerResetLaterVsFireTest {

    private static final long OLD_MS = 1;
    private static final long NEW_MS = 5;

    private final TimerFixtures f = new TimerFixtures();
    private final CountingWaker waker = new CountingWaker();

    public TimerResetLaterVsFireTest() {
        f.timer.arm(f.driver, f.tick(OLD_MS), waker);
        f.clockAt(OLD_MS);
    }

    @Actor
    public void owner(IIIII_Result r) {
        f.timer.moveTo(f.driver, f.tick(NEW_MS)); // Sleep.reset
        r.r1 = f.reached(NEW_MS) ? 1 : 0; // Sleep.poll: the clock alone decides completion
    }

    @Actor
    public void fire() {
        f.driver.process();
    }

    @Arbiter
    public void check(IIIII_Result r) {
        r.r2 = waker.wakes();
        r.r3 = f.timer.isRegistered() ? 1 : 0;
        if (!f.timer.isRegistered()) {
            f.timer.arm(f.driver, f.tick(NEW_MS), waker); // the woken owner's next poll re-arms
        }
        int before = waker.wakes();
        f.clockAt(NEW_MS - 1);
        f.driver.process();
        r.r4 = waker.wakes() - before;
        f.clockAt(NEW_MS);
        f.driver.process();
        r.r5 = waker.wakes() - before - r.r4;
    }
}
