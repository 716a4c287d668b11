package dev.weft.stress.channel;

import dev.weft.stress.CountingWaker;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.channel.Broadcast;
import dev.weft.channel.RecvResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A receive's first poll (finding nothing, it queues its waker) races a send. The wake-up is never
 * lost: the poll returns the value, or the waker is woken exactly once and the next poll returns
 * it. Nothing stays queued.
 *
 * <p>Result: the first poll (1 = the value, 0 = pending), wakes, 1 if the value was received at the
 * first poll or at the arbiter's re-poll, receives left queued.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "send came first: the value at the first poll")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "queued first, then woken once by the send")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice, woken although ready, a wrong value, or a receive left queued")
@State
public class BroadcastSendVsRecvRegistrationTest {

    private static final Integer VALUE = 42;

    private final Broadcast<Integer> ch = Broadcast.channel(4);
    private final Broadcast.Receiver<Integer> rx = ch.receiver();
    private final Future<RecvResult<Integer>> recv = rx.recv();
    private final CountingWaker waker = new CountingWaker();
    private Poll<RecvResult<Integer>> first;

    @Actor
    public void receiver(IIII_Result r) {
        first = recv.poll(new Context(waker));
        r.r1 = first.isReady() ? 1 : 0;
    }

    @Actor
    public void sender() {
        ch.sender().send(VALUE);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = waker.wakes();
        Poll<RecvResult<Integer>> p = first.isReady() ? first : recv.poll(new Context(waker));
        r.r3 = p.isReady() && p.value().equals(RecvResult.of(VALUE)) ? 1 : 0;
        r.r4 = BroadcastFixtures.waiterCount(rx);
    }
}
