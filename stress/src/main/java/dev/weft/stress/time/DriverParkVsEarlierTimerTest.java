package dev.weft.stress.time;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Waker;
import dev.weft.time.Instant;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Schedule-earlier vs a worker going to park in the timer driver (real time). The runtime's one
 * worker holds a 1-hour sleep, so when idle it parks in the driver until that deadline. Each round,
 * the actor spawns a no-op task A (the worker wakes, runs it, and goes back to park); A announces
 * itself; the signal waits for that, spins a random 0-400 times (STRESS.md: so the registration
 * lands anywhere in the worker's search/park window), then, from its own thread, outside the
 * runtime, resets a bound {@link Sleep} to 1 ms from now and polls it: the poll registers the
 * timer, which must unpark the worker if it is parked until the hour. The sleep's waker unparks the
 * actor. If the registration misses the parked worker, the actor waits an hour: STALE.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every 1 ms timer fired: the parked worker woke for the earlier deadline")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake: the worker stayed parked until its 1-hour deadline")
@State
public class DriverParkVsEarlierTimerTest {

    static final int ROUNDS = 8;

    static final Runtime RUNTIME = Runtime.builder().workerThreads(1).threadName("stress-timer-park").build();

    static {
        RUNTIME.spawn(Time.sleep(Duration.ofHours(1))).detach(); // the worker's park deadline
    }

    /** Bound to RUNTIME's driver (created inside it), never polled yet. */
    private final Sleep sleep = RUNTIME.blockOn(cx -> Poll.ready(Time.sleep(Duration.ofHours(2))));

    private volatile Thread actor;
    private volatile int aRan; // last round whose task A ran
    private volatile int fired; // last round whose 1 ms timer woke us

    @Actor
    public void actor() {
        actor = Thread.currentThread();
        for (int round = 1; round <= ROUNDS; round++) {
            int k = round;
            RUNTIME.spawn(cx -> {
                aRan = k;
                return Poll.ready(null);
            }).detach();
            while (fired < k) {
                LockSupport.park(this);
            }
        }
    }

    @Signal
    public void registerEarlierTimer() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 1; round <= ROUNDS; round++) {
            int k = round;
            while (aRan < k) {
                Thread.onSpinWait();
            }
            for (int i = random.nextInt(401); i > 0; i--) {
                Thread.onSpinWait();
            }
            Waker w = () -> {
                fired = k;
                LockSupport.unpark(actor);
            };
            sleep.reset(Instant.now().plus(Duration.ofMillis(1))); // outside a runtime: System.nanoTime, the running clock's scale
            if (sleep.poll(new Context(w)).isReady()) {
                w.wake(); // already due (the spin took a millisecond): nothing to race this round
            }
        }
    }
}
