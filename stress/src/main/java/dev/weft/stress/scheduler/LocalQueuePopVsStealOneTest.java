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
 * The last task of a local queue: the owner's pop and a thief's steal race for it. Exactly one of
 * them gets it; the other finds the queue empty.
 *
 * <p>Result: owner's pop, thief's take (stolen task, then what landed in its own queue), what the
 * arbiter finds left in the victim. Sequences of task numbers, see {@link QueueFixtures}.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "owner popped the task; the thief found the queue empty")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "thief stole the task; the owner found the queue empty")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "task taken twice: owner and thief both got it")
@Outcome(id = "0, 0, 0", expect = FORBIDDEN, desc = "task lost: nobody got it and it is not in the queue")
@Outcome(id = "0, 0, 1", expect = FORBIDDEN, desc = "both gave up although the task was there")
@Outcome(expect = FORBIDDEN, desc = "anything else: duplicated, lost or unknown task")
@State
public class LocalQueuePopVsStealOneTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(1);
    private final LocalQueue victim = new LocalQueue(4);
    private final LocalQueue thiefQueue = new LocalQueue(4);
    private RawTask<?> stolen;

    public LocalQueuePopVsStealOneTest() {
        QueueFixtures.pushAll(victim, tasks);
    }

    @Actor
    public void owner(III_Result r) {
        r.r1 = QueueFixtures.number(tasks, victim.pop());
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
