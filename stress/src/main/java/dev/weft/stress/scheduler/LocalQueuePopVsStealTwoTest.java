package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
 * Two tasks: the owner pops twice while a thief steals. A thief takes half, rounded up (one task
 * of two), always the oldest remaining; the owner pops oldest first. Every task is taken exactly
 * once. Two elements and two takers are what a missing fence needs to hand one task out twice
 * (STRESS.md).
 *
 * <p>Result: owner's two pops, thief's take, what is left in the victim (task-number sequences).
 */
@JCStressTest
@Outcome(id = "12, 0, 0", expect = ACCEPTABLE, desc = "owner popped both before the thief looked")
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "owner popped 1, thief stole 2, owner's second pop found it empty")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "thief claimed 1 first; owner popped 2, then found it empty")
@Outcome(expect = FORBIDDEN, desc = "a task taken twice, lost, or taken out of order")
@State
public class LocalQueuePopVsStealTwoTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(2);
    private final LocalQueue victim = new LocalQueue(4);
    private final LocalQueue thiefQueue = new LocalQueue(4);
    private RawTask<?> stolen;

    public LocalQueuePopVsStealTwoTest() {
        QueueFixtures.pushAll(victim, tasks);
    }

    @Actor
    public void owner(III_Result r) {
        RawTask<?> a = victim.pop();
        RawTask<?> b = victim.pop();
        r.r1 = QueueFixtures.append(QueueFixtures.append(0, tasks, a), tasks, b);
    }

    @Actor
    public void thief() {
        stolen = victim.stealer().stealInto(thiefQueue);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = QueueFixtures.append(QueueFixtures.drain(thiefQueue, tasks), tasks, stolen);
        r.r3 = QueueFixtures.drain(victim, tasks);
    }
}
