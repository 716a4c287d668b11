package dev.weft.stress.task;

import dev.weft.stress.CountingWaker;
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
 * The joiner already waits with waker W1 and polls again with a different waker W2 (the handle
 * moved to another task), which takes W1 back (JOIN_WAKER cleared), stores W2 and hands it over
 * again, while a worker completes the task. The joiner either gets the value, or waits on W2 and
 * W2 is woken; a wake that goes to W1 only happens when the joiner then takes the value itself.
 *
 * <p>Result: the joiner's second poll ({@link Join}: 1 = value, 0 = pending), wakes of W1, wakes
 * of W2, the join outcome the arbiter sees afterwards.
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "completed before the swap: W1 woken; the joiner took the value")
@Outcome(id = "1, 0, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "completed between taking W1 back and handing W2 over: nobody woken; the joiner took the value")
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "W2 handed over first: Pending, then W2 woken once")
@Outcome(id = "0, ., 0, .*", expect = FORBIDDEN, desc = "lost join wakeup: the joiner waits on W2 and W2 was never woken")
@Outcome(expect = FORBIDDEN, desc = "a waker woken twice, or both wakers woken")
@State
public class JoinWakerSwapVsCompleteTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final RawTask<String> task = new RawTask<>(new Probe((cx, count) -> Poll.ready(Probe.DONE)), schedule);
    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final Context joinCx2 = new Context(w2);
    private final Context workerCx = new Context(Waker.noop());

    public JoinWakerSwapVsCompleteTest() {
        if (Join.poll(task, new Context(w1)) != Join.PENDING) {
            throw new IllegalStateException("setup: the first join poll must register W1");
        }
    }

    @Actor
    public void joiner(IIII_Result r) {
        r.r1 = Join.poll(task, joinCx2);
    }

    @Actor
    public void worker() {
        task.run(workerCx);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = w1.wakes();
        r.r3 = w2.wakes();
        r.r4 = Join.poll(task, new Context(Waker.noop()));
    }
}
