package dev.weft.stress.task;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
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
 * Abort vs a poll that returns Pending. The abort is never lost: before the poll, the worker
 * cancels instead of polling; during it, the worker cancels when the poll returns (the task never
 * goes idle); after the task went idle, the abort queues it exactly once and the worker that takes
 * it cancels it. The future is closed exactly once.
 *
 * <p>Result: queue entries (schedule calls, plus 10 per yield call), polls, closes, join outcome
 * ({@link Join}: 2 = cancelled, 0 = still pending).
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 2", expect = ACCEPTABLE, desc = "abort before the poll: cancelled without being polled")
@Outcome(id = "0, 1, 1, 2", expect = ACCEPTABLE_INTERESTING, desc = "abort during the poll: cancelled by the poller as the poll returned")
@Outcome(id = "1, 1, 1, 2", expect = ACCEPTABLE, desc = "abort after the task went idle: queued once, cancelled by the worker that took it")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "abort lost: the task is idle and not cancelled")
@Outcome(expect = FORBIDDEN, desc = "queued twice, polled after the abort was seen, or closed twice or never")
@State
public class AbortVsPendingPollTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe((cx, count) -> Poll.pending());
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
        r.r1 = schedule.schedules() + 10 * schedule.yields();
        schedule.runQueued(task, arbiterCx);
        r.r2 = probe.polls();
        r.r3 = probe.closes();
        r.r4 = Join.poll(task, arbiterCx);
    }
}
