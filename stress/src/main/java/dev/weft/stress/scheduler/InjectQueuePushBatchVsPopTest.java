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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A full local queue's overflow path: the producer links tasks 1 and 2 into a chain and appends it
 * with one {@link InjectQueue#pushBatch} exchange, then pushes task 3 alone, while the consumer
 * (holding the consumer lock) pops three times. The chain is never seen half-linked, nothing is
 * lost or seen twice, and order is FIFO: what the consumer took and what the arbiter drains
 * afterwards read 1, 2, 3 together.
 *
 * <p>Result: the consumer's pops (empty-handed pops leave no digit), what the arbiter drains
 * afterwards (task-number sequences).
 */
@JCStressTest
@Outcome(id = "0, 123", expect = ACCEPTABLE, desc = "consumer came before the batch was linked")
@Outcome(id = "12, 3", expect = ACCEPTABLE, desc = "consumer took the batch; 3 not pushed or not linked yet")
@Outcome(id = "123, 0", expect = ACCEPTABLE, desc = "consumer took everything, in order")
@Outcome(id = "1, 23", expect = ACCEPTABLE_INTERESTING, desc = "consumer took 1; 2 is held back until 3's push links behind it")
@Outcome(expect = FORBIDDEN, desc = "a task lost, seen twice, or out of FIFO order")
@State
public class InjectQueuePushBatchVsPopTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(3);
    private final InjectQueue queue = new InjectQueue();

    @Actor
    public void producer() {
        tasks[0].linkNextInQueue(tasks[1]);
        queue.pushBatch(tasks[0], tasks[1]);
        queue.push(tasks[2]);
    }

    @Actor
    public void consumer(II_Result r) {
        if (!queue.tryLockConsumer()) {
            r.r1 = -1; // nobody else consumes: the lock must be free
            return;
        }
        try {
            int seq = 0;
            for (int i = 0; i < 3; i++) {
                seq = QueueFixtures.append(seq, tasks, queue.pop());
            }
            r.r1 = seq;
        } finally {
            queue.unlockConsumer();
        }
    }

    @Arbiter
    public void check(II_Result r) {
        r.r2 = QueueFixtures.drain(queue, tasks);
    }
}
