package dev.weft.stress.task;

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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A task that yields (wakes itself during its poll, then returns Pending) while another thread
 * wakes it too. The two wakes coalesce: the task goes to the back of the queue exactly once, as a
 * yield, and is never also scheduled - wherever the outside wake lands (before the poll, during
 * it, or after the yield re-queued it).
 *
 * <p>Result: yield calls, schedule calls, polls after the arbiter ran every queued entry, join
 * outcome ({@link Join}: 1 = value).
 */
@JCStressTest
@Outcome(id = "1, 0, 2, 1", expect = ACCEPTABLE, desc = "one re-queue, as a yield; the outside wake was absorbed; second poll completed")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "queued twice: yielded and also scheduled")
@Outcome(id = "0, 1, .*", expect = FORBIDDEN, desc = "a self-woken task was scheduled (LIFO path) instead of yielded")
@Outcome(expect = FORBIDDEN, desc = "anything else: lost or duplicated re-queue")
@State
public class SelfWakeVsWakeTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe(SelfWakeVsWakeTest::yieldOnce);
    private final RawTask<String> task = new RawTask<>(probe, schedule); // queued, as after a spawn
    private final Context workerCx = new Context(Waker.noop());
    private final Context arbiterCx = new Context(Waker.noop());

    private static Poll<String> yieldOnce(Context cx, int count) {
        if (count == 1) {
            cx.waker().wake();
            return Poll.pending();
        }
        return Poll.ready(Probe.DONE);
    }

    @Actor
    public void worker() {
        task.run(workerCx);
    }

    @Actor
    public void waker() {
        task.wake();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = schedule.yields();
        r.r2 = schedule.schedules();
        schedule.runQueued(task, arbiterCx);
        r.r3 = probe.polls();
        r.r4 = Join.poll(task, arbiterCx);
    }
}
