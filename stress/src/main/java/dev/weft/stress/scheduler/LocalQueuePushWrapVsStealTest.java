package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
 * Pushes across the end of the ring while a thief steals. Capacity 4 with the indices advanced to
 * 3: tasks 1 and 2 sit in slots 3 and 0; the owner pushes 3 and 4 into slots 1 and 2, filling the
 * queue, while a thief claims half of whatever it sees (1 of 2, or 2 of 3 or 4). Nothing may spill
 * (the queue never holds more than 4), no slot may be reused while a thief still copies it, and
 * every task is taken exactly once, oldest first.
 *
 * <p>Result: thief's take (copied into its queue, then the one returned), what is left in the
 * victim, what went to the overflow queue (task-number sequences).
 */
@JCStressTest
@Outcome(id = "1, 234, 0", expect = ACCEPTABLE, desc = "thief saw 2 tasks and stole the oldest; 2,3,4 stay, in order")
@Outcome(id = "12, 34, 0", expect = ACCEPTABLE, desc = "thief saw 3 or 4 tasks and stole 1,2; 3,4 stay")
@Outcome(id = ".*, .*, [1-9]+", expect = FORBIDDEN, desc = "a task spilled to the inject queue although the ring had room")
@Outcome(expect = FORBIDDEN, desc = "a task taken twice, lost, overwritten, or out of order")
@State
public class LocalQueuePushWrapVsStealTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(4);
    private final LocalQueue victim = new LocalQueue(4);
    private final LocalQueue thiefQueue = new LocalQueue(4);
    private final InjectQueue overflow = new InjectQueue();
    private RawTask<?> stolen;

    public LocalQueuePushWrapVsStealTest() {
        QueueFixtures.advance(victim, 3);
        QueueFixtures.pushAll(victim, tasks[0], tasks[1]);
    }

    @Actor
    public void owner() {
        victim.push(tasks[2], overflow);
        victim.push(tasks[3], overflow);
    }

    @Actor
    public void thief() {
        stolen = victim.stealer().stealInto(thiefQueue);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = QueueFixtures.append(QueueFixtures.drain(thiefQueue, tasks), tasks, stolen);
        r.r2 = QueueFixtures.drain(victim, tasks);
        r.r3 = QueueFixtures.drain(overflow, tasks);
    }
}
