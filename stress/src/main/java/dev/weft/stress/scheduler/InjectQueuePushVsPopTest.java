package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.task.RawTask;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A producer pushes tasks 1 and 2 while the consumer, holding the consumer lock, pops twice; the
 * arbiter drains the rest. No task is lost or seen twice, and order is FIFO. A pop may come back
 * empty-handed while a push is between its exchange and its link; the task is then found later.
 *
 * <p>Result: first pop, second pop, what the arbiter drains afterwards (task-number sequences).
 */
@JCStressTest
@Outcome(id = "0, 0, 12", expect = ACCEPTABLE, desc = "consumer came before both pushes (or before their links)")
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "consumer got 1; 2 was not pushed or not linked yet")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE_INTERESTING, desc = "first pop empty-handed, second got 1")
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "consumer got both, in order")
@Outcome(expect = FORBIDDEN, desc = "a task lost, seen twice, or out of FIFO order")
@State
public class InjectQueuePushVsPopTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(2);
    private final InjectQueue queue = new InjectQueue();

    @Actor
    public void producer() {
        queue.push(tasks[0]);
        queue.push(tasks[1]);
    }

    @Actor
    public void consumer(III_Result r) {
        if (!queue.tryLockConsumer()) {
            r.r1 = -1; // nobody else consumes: the lock must be free
            return;
        }
        try {
            r.r1 = QueueFixtures.number(tasks, queue.pop());
            r.r2 = QueueFixtures.number(tasks, queue.pop());
        } finally {
            queue.unlockConsumer();
        }
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = QueueFixtures.drain(queue, tasks);
    }
}
