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
 * Wake vs completion of an idle task. The only way an idle task completes without being queued
 * is runtime shutdown claiming and cancelling it ({@link RawTask#shutdown()}); a wake races with
 * that. Either the wake comes first and queues the task exactly once (the entry is stale by the
 * time a worker takes it, and is skipped), or the completion comes first and the wake does
 * nothing. The future is never polled again and is closed exactly once.
 *
 * <p>Result: schedule calls, polls (1 from the setup), closes, join outcome ({@link Join}: 2 =
 * cancelled).
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 2", expect = ACCEPTABLE, desc = "wake first: queued once; shutdown cancelled it; the stale entry was skipped")
@Outcome(id = "0, 1, 1, 2", expect = ACCEPTABLE, desc = "shutdown first: the wake found the task claimed or complete and did nothing")
@Outcome(id = "2, .*", expect = FORBIDDEN, desc = "queued twice")
@Outcome(expect = FORBIDDEN, desc = "polled after cancellation, closed twice or never, or not cancelled")
@State
public class WakeVsShutdownTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe((cx, count) -> Poll.pending());
    private final RawTask<String> task = new RawTask<>(probe, schedule);
    private final Context arbiterCx = new Context(Waker.noop());

    public WakeVsShutdownTest() {
        task.run(new Context(Waker.noop())); // first poll: Pending, the task goes idle
    }

    @Actor
    public void waker() {
        task.wake();
    }

    @Actor
    public void completer() {
        task.shutdown();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = schedule.schedules();
        schedule.runQueued(task, arbiterCx);
        r.r2 = probe.polls();
        r.r3 = probe.closes();
        r.r4 = Join.poll(task, arbiterCx);
    }
}
