package dev.weft.stress.task;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.internal.task.RawTask;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A joiner polls the task's {@code JoinHandle} (registering its waker) while a worker runs the task
 * to completion. The joiner either gets the value at once, or gets Pending and is then woken
 * exactly once; never Pending and forgotten.
 *
 * <p>Result: the joiner's poll ({@link Join}: 1 = value, 0 = pending), wakes of the joiner's waker,
 * the join outcome the arbiter sees afterwards.
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the task completed first (or before the waker was handed over): value at once, no wake")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "the joiner registered first: Pending, then woken once by the completer")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost join wakeup: Pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice, woken after taking the value, or a wrong value")
@State
public class JoinVsCompleteTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final RawTask<String> task = new RawTask<>(new Probe((cx, count) -> Poll.ready(Probe.DONE)), schedule);
    private final CountingWaker joinWaker = new CountingWaker();
    private final Context joinCx = new Context(joinWaker);
    private final Context workerCx = new Context(Waker.noop());

    @Actor
    public void joiner(III_Result r) {
        r.r1 = Join.poll(task, joinCx);
    }

    @Actor
    public void worker() {
        task.run(workerCx);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = joinWaker.wakes();
        r.r3 = Join.poll(task, new Context(Waker.noop()));
    }
}
