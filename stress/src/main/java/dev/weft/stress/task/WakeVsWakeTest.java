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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two wakes of an idle task (polled once, Pending): exactly one of them queues it. A second entry
 * would let two workers poll the same future at once.
 *
 * <p>Result: schedule calls, polls after the arbiter ran every queued entry, the join outcome
 * ({@link Join}: 1 = value).
 */
@JCStressTest
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "one wake queued the task, the other found it notified; one more poll completed it")
@Outcome(id = "2, .*", expect = FORBIDDEN, desc = "queued twice: two workers could poll the task at once")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "both wakes lost: the idle task was never queued")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class WakeVsWakeTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe(WakeVsWakeTest::pendingOnce);
    private final RawTask<String> task = new RawTask<>(probe, schedule);
    private final Context arbiterCx = new Context(Waker.noop());

    public WakeVsWakeTest() {
        task.run(new Context(Waker.noop())); // first poll: Pending, the task goes idle
    }

    private static Poll<String> pendingOnce(Context cx, int count) {
        return count == 1 ? Poll.pending() : Poll.ready(Probe.DONE);
    }

    @Actor
    public void waker1() {
        task.wake();
    }

    @Actor
    public void waker2() {
        task.wake();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = schedule.schedules();
        schedule.runQueued(task, arbiterCx);
        r.r2 = probe.polls();
        r.r3 = Join.poll(task, arbiterCx);
    }
}
