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
 * Two workers going back to sleep vs a spawn from outside, through the public API: the shape of
 * {@link WorkerParkVsSpawnOneWorkerTest} on a two-worker runtime. The other worker is parked or
 * searching, which adds the paths where a worker may not search (half the workers already do) and
 * parks without the re-check, leaving the last searcher responsible for B, and the chained wake of
 * a second worker.
 *
 * <p>One runtime serves every sample of the test, as a real one serves many spawns.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every task B ran: a worker woke for it or had not parked yet")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wakeup: a task B was spawned but both workers stayed parked")
@State
public class WorkerParkVsSpawnTwoWorkersTest {

    static final Runtime RUNTIME = Runtime.builder().workerThreads(2).threadName("stress-park-2w").build();

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
