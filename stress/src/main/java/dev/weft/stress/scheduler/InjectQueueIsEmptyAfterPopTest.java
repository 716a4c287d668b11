package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
 * {@link InjectQueue#isEmpty()} must be exact (the parking re-check trusts it), also after pops.
 * Tasks 1 and 2 were pushed before the test; the consumer pops one (task 1) and asks
 * {@code isEmpty()} while a producer pushes task 3. Task 2 is queued whatever the producer does,
 * so the answer must be "not empty".
 *
 * <p>This is the state a worker leaves behind when {@code popBatch} stops at its limit with one
 * task still queued: an "empty" answer there lets every worker park with that task stranded.
 *
 * <p>Result: the consumer's pop, whether {@code isEmpty()} said empty (1), what the arbiter drains
 * afterwards (task-number sequence).
 */
@JCStressTest
@Outcome(id = "1, 0, 23", expect = ACCEPTABLE, desc = "popped 1; isEmpty() correctly false; 2 and 3 drained in order")
@Outcome(id = "1, 1, 23", expect = FORBIDDEN, desc = "isEmpty() said empty while task 2 was queued (a parking worker would strand it)")
@Outcome(expect = FORBIDDEN, desc = "a task lost, seen twice, or out of order")
@State
public class InjectQueueIsEmptyAfterPopTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(3);
    private final InjectQueue queue = new InjectQueue();

    public InjectQueueIsEmptyAfterPopTest() {
        queue.push(tasks[0]);
        queue.push(tasks[1]);
    }

    @Actor
    public void consumer(III_Result r) {
        if (!queue.tryLockConsumer()) {
            r.r1 = -1;
            return;
        }
        try {
            r.r1 = QueueFixtures.number(tasks, queue.pop());
            r.r2 = queue.isEmpty() ? 1 : 0;
        } finally {
            queue.unlockConsumer();
        }
    }

    @Actor
    public void producer() {
        queue.push(tasks[2]);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = QueueFixtures.drain(queue, tasks);
    }
}
