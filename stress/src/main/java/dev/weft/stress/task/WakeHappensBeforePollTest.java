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
 * The memory effect {@link Waker} documents: "actions in a thread before it calls wake()
 * happen-before the poll that the wake causes". Here the event is a <em>plain</em> field written
 * just before {@code wake()}, on a task that is queued (NOTIFIED) and about to be polled, so the
 * wake is usually folded into that very poll. The poll must then see the write; if it does not,
 * it returns Pending and, the wake having been coalesced, nobody queues the task again.
 *
 * <p>This is the case Tokio fixed in tokio-rs/tokio#7622 (a wake that finds the task already
 * notified must still perform a release, e.g. a CAS to the same value); Rust documents the same
 * guarantee for coalesced wakes (rust-lang/rust#157694).
 *
 * <p>Result: yield calls, schedule calls, polls after the arbiter ran every queued entry, join
 * outcome ({@link Join}: 1 = value, 0 = still pending).
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "the poll saw the write made before the wake: Ready at once")
@Outcome(id = "1, 0, 2, 1", expect = ACCEPTABLE, desc = "woken during the poll: re-queued once as a yield; the second poll saw the write")
@Outcome(id = "0, 1, 2, 1", expect = ACCEPTABLE, desc = "woken after the poll went idle: scheduled once; the second poll saw the write")
@Outcome(id = "0, 0, 1, 0", expect = FORBIDDEN, desc = "the wake was folded into a poll that did not see the write made before it: lost wakeup")
@Outcome(expect = FORBIDDEN, desc = "re-queued twice, or polled too often")
@State
public class WakeHappensBeforePollTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Probe probe = new Probe(this::step);
    private final RawTask<String> task = new RawTask<>(probe, schedule); // queued, as after a spawn
    private final Context workerCx = new Context(Waker.noop());
    private final Context arbiterCx = new Context(Waker.noop());
    private int data; // plain on purpose: the Waker contract alone must make it visible

    private Poll<String> step(Context cx, int count) {
        return data == 1 ? Poll.ready(Probe.DONE) : Poll.pending();
    }

    @Actor
    public void worker() {
        task.run(workerCx);
    }

    @Actor
    public void eventSource() {
        data = 1;
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
