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
 * Abort vs the poll that completes a queued task. Either the abort comes first and the worker
 * cancels the task instead of polling it, or the poll runs and its value stands (an abort during
 * a poll that completes the task does not discard the result, as {@code JoinHandle.abort}
 * documents). Either way the future is closed exactly once and the task is never re-queued.
 *
 * <p>Result: queue entries created (schedules + yields), polls, closes, join outcome
 * ({@link Join}: 1 = value, 2 = cancelled).
 */
@JCStressTest
@Outcome(id = "0, 1, 1, 1", expect = ACCEPTABLE, desc = "abort during or after the completing poll: the value stands")
@Outcome(id = "0, 0, 1, 2", expect = ACCEPTABLE, desc = "abort first: cancelled without being polled")
@Outcome(id = "0, 1, 1, 2", expect = FORBIDDEN, desc = "the poll completed but its value was replaced by a cancellation")
@Outcome(id = ".*, .*, [02-9], .*", expect = FORBIDDEN, desc = "future closed twice or never")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class AbortVsCompleteTest {

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
    public void aborter() {
        task.abort();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = schedule.entries();
        schedule.runQueued(task, arbiterCx);
        r.r2 = probe.polls();
        r.r3 = probe.closes();
        r.r4 = Join.poll(task, arbiterCx);
    }
}
