package dev.weft.stress.scheduler;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.task.RawTask;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The Dekker pair the parking protocol rests on, reduced to the inject queue: a spawner pushes a
 * task and then checks whether a worker announced it is going to park; the worker announces
 * (a volatile write, as {@code Idle}'s counter update is) and then re-checks the queue with
 * {@link InjectQueue#isEmpty()}. At least one must see the other, or the task sits in the queue
 * while the worker sleeps. The queue starts empty after a push/pop cycle (the stub recycled).
 *
 * <p>Result: whether the spawner saw the announcement (1), whether the worker saw an empty queue (1).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "spawner checked first; the worker's re-check found the task")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "both saw each other")
@Outcome(id = "1, 1", expect = ACCEPTABLE_INTERESTING, desc = "worker re-checked before the push; the spawner saw the announcement and wakes it")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "lost wakeup: the worker saw an empty queue and the spawner saw nobody parking")
@State
public class InjectQueuePushVsIsEmptyTest {

    private final RawTask<?>[] tasks = QueueFixtures.tasks(2);
    private final InjectQueue queue = new InjectQueue();
    private volatile int parking;

    public InjectQueuePushVsIsEmptyTest() {
        queue.push(tasks[0]);
        if (QueueFixtures.drain(queue, tasks) != 1) {
            throw new IllegalStateException("setup: push/pop cycle failed");
        }
    }

    @Actor
    public void spawner(II_Result r) {
        queue.push(tasks[1]);
        r.r1 = parking;
    }

    @Actor
    public void worker(II_Result r) {
        parking = 1;
        r.r2 = queue.isEmpty() ? 1 : 0;
    }
}
