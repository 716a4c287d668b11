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
 * An event source fires (a volatile flag, as real channels publish with an atomic) and wakes the
 * task while a worker polls it. The poll returns Ready if it sees the event and Pending otherwise,
 * spinning a little first so the wake often lands inside the poll. Whatever the timing, the event
 * is never lost: either the poll saw it, or the task is queued again exactly once - as a yield
 * (Schedule.yieldTask) when the wake came during the poll, as a schedule when it came after.
 *
 * <p>Result: yield calls, schedule calls, polls after the arbiter ran every queued entry, join
 * outcome ({@link Join}: 1 = value, 0 = still pending).
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "the poll saw the event: Ready at once; the wake found the task queued, running or complete")
@Outcome(id = "1, 0, 2, 1", expect = ACCEPTABLE_INTERESTING, desc = "woken during the poll: re-queued exactly once as a yield; the second poll saw the event")
@Outcome(id = "0, 1, 2, 1", expect = ACCEPTABLE, desc = "woken after the poll went idle: scheduled once; the second poll saw the event")
@Outcome(id = "0, 0, 1, 0", expect = FORBIDDEN, desc = "lost wakeup: the poll missed the event and nobody re-queued the task")
@Outcome(expect = FORBIDDEN, desc = "re-queued twice, or polled too often")
@State
public class WakeDuringPollTest {

    /** Spins in a Pending poll, so the wake often arrives while the task is RUNNING. */
    private static final int POLL_SPINS = 32;

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe(this::step);
    private final RawTask<String> task = new RawTask<>(probe, schedule); // queued, as after a spawn
    private final Context workerCx = new Context(Waker.noop());
    private final Context arbiterCx = new Context(Waker.noop());
    private volatile boolean fired;

    private Poll<String> step(Context cx, int count) {
        if (fired) {
            return Poll.ready(Probe.DONE);
        }
        for (int i = 0; i < POLL_SPINS; i++) {
            Thread.onSpinWait();
        }
        return Poll.pending();
    }

    @Actor
    public void worker() {
        task.run(workerCx);
    }

    @Actor
    public void eventSource() {
        fired = true;
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
