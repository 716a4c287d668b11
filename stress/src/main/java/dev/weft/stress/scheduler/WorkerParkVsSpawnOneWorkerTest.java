package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Runtime;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A lone worker going back to sleep vs a spawn from outside, through the public API. The actor
 * spawns task A, which wakes the worker; A announces itself as it runs, so the worker is about to
 * search and park again. The signal waits for the announcement, spins a random 0-400 times (so the
 * spawn lands anywhere in the search/park window, STRESS.md), then spawns task B from its own
 * thread. The actor waits for B. If the parking protocol loses the wakeup, B sits in the inject
 * queue while the worker sleeps, and the actor never returns. Several rounds per sample, see
 * {@link ParkVsSpawnRounds}.
 *
 * <p>One runtime serves every sample of the test, as a real one serves many spawns.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every task B ran: the worker woke for it or had not parked yet")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wakeup: a task B was spawned but the worker stayed parked")
@State
public class WorkerParkVsSpawnOneWorkerTest {

    static final Runtime RUNTIME = Runtime.builder().workerThreads(1).threadName("stress-park-1w").build();

    private final ParkVsSpawnRounds rounds = new ParkVsSpawnRounds(RUNTIME);

    @Actor
    public void spawnAThenAwaitB() {
        rounds.actor();
    }

    @Signal
    public void spawnB() {
        rounds.signal();
    }
}
