package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.LocalQueue;
import dev.weft.internal.task.RawTask;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two thieves, each with its own queue, steal from a full victim (capacity 4, indices advanced so
 * the four tasks wrap around the ring: slots 2, 3, 0, 1). Only one steal may run per victim: the
 * first thief claims two tasks (half of four), the second either finds a steal in progress and
 * gives up, or comes after and claims one of the two left. The arbiter drains the thieves' queues
 * and the victim; each task is seen exactly once.
 *
 * <p>Result: thief A's take, thief B's take (tasks copied into its queue, then the one returned to
 * run), what is left in the victim (task-number sequences).
 */
@JCStressTest
@Outcome(id = "12, 3, 4", expect = ACCEPTABLE, desc = "A stole 1,2; then B stole 3; 4 left")
@Outcome(id = "3, 12, 4", expect = ACCEPTABLE, desc = "B stole 1,2; then A stole 3; 4 left")
@Outcome(id = "12, 0, 34", expect = ACCEPTABLE_INTERESTING, desc = "A stole 1,2; B found A's steal in progress and gave up")
@Outcome(id = "0, 12, 34", expect = ACCEPTABLE_INTERESTING, desc = "B stole 1,2; A found B's steal in progress and gave up")
@Outcome(expect = FORBIDDEN, desc = "a task seen twice or lost, or a steal that did not take the oldest tasks")
@State
public class LocalQueueStealVsStealTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(4);
    private final LocalQueue victim = new LocalQueue(4);
    private final LocalQueue queueA = new LocalQueue(4);
    private final LocalQueue queueB = new LocalQueue(4);
    private RawTask<?> stolenA;
    private RawTask<?> stolenB;

    public LocalQueueStealVsStealTest() {
        QueueFixtures.advance(victim, 2);
        QueueFixtures.pushAll(victim, tasks);
    }

    @Actor
    public void thiefA() {
        stolenA = victim.stealer().stealInto(queueA);
    }

    @Actor
    public void thiefB() {
        stolenB = victim.stealer().stealInto(queueB);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = QueueFixtures.append(QueueFixtures.drain(queueA, tasks), tasks, stolenA);
        r.r2 = QueueFixtures.append(QueueFixtures.drain(queueB, tasks), tasks, stolenB);
        r.r3 = QueueFixtures.drain(victim, tasks);
    }
}
