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
 * Wake vs the poll that completes a task. A freshly spawned task is queued (NOTIFIED); a worker
 * runs it and the poll returns Ready, while another thread wakes it. The wake finds the task
 * queued, running, or complete, and in none of these may it queue a second entry: the spawn's
 * entry is the only one, and the future is polled exactly once.
 *
 * <p>Result: schedule calls, yield calls, polls, join outcome ({@link Join}: 1 = value).
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "the wake did nothing (task queued, running or complete); one poll completed it")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "the wake queued a task that was already queued, running or complete")
@Outcome(id = "0, 1, .*", expect = FORBIDDEN, desc = "a task that completed was re-queued as a yield")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class WakeVsCompleteTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe((cx, count) -> Poll.ready(Probe.DONE));
    private final RawTask<String> task = new RawTask<>(probe, schedule); // queued, as after a spawn
    private final Context workerCx = new Context(Waker.noop());
    private final Context arbiterCx = new Context(Waker.noop());

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
        r.r1 = schedule.schedules();
        r.r2 = schedule.yields();
        schedule.runQueued(task, arbiterCx);
        r.r3 = probe.polls();
        r.r4 = Join.poll(task, arbiterCx);
    }
}
