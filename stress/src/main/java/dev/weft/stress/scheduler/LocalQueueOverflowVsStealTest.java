package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.scheduler.LocalQueue;
import dev.weft.internal.task.RawTask;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A full queue (capacity 4, tasks 1-4 wrapping around the ring) overflows while a thief steals.
 * The owner pushes task 5: with no steal in progress it moves the oldest half (1, 2) plus 5 to the
 * inject queue in one batch; with a steal in progress it cannot move half, so 5 alone goes there;
 * after a finished steal 5 fits in the ring. Every task ends up exactly once across the owner's
 * queue, the thief (its queue and the task it returned), and the inject queue.
 *
 * <p>Result: thief's take, what is left in the owner's queue, the inject queue's contents
 * (task-number sequences).
 */
@JCStressTest
@Outcome(id = "3, 4, 125", expect = ACCEPTABLE, desc = "overflow first: 1,2,5 to the inject queue; thief then stole 3 of 3,4")
@Outcome(id = "12, 34, 5", expect = ACCEPTABLE_INTERESTING, desc = "thief was copying 1,2: the owner spilled 5 alone")
@Outcome(id = "12, 345, 0", expect = ACCEPTABLE, desc = "thief stole 1,2 before the push: 5 fit in the ring")
@Outcome(expect = FORBIDDEN, desc = "a task lost or seen twice across queue, thief and inject queue")
@State
public class LocalQueueOverflowVsStealTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(5);
    private final LocalQueue victim = new LocalQueue(4);
    private final LocalQueue thiefQueue = new LocalQueue(4);
    private final InjectQueue inject = new InjectQueue();
    private RawTask<?> stolen;

    public LocalQueueOverflowVsStealTest() {
        QueueFixtures.advance(victim, 2);
        QueueFixtures.pushAll(victim, tasks[0], tasks[1], tasks[2], tasks[3]);
    }

    @Actor
    public void owner() {
        victim.push(tasks[4], inject);
    }

    @Actor
    public void thief() {
        stolen = victim.stealer().stealInto(thiefQueue);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = QueueFixtures.append(QueueFixtures.drain(thiefQueue, tasks), tasks, stolen);
        r.r2 = QueueFixtures.drain(victim, tasks);
        r.r3 = QueueFixtures.drain(inject, tasks);
    }
}
