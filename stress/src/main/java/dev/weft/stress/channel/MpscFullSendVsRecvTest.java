package dev.weft.stress.channel;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.channel.MpscFixtures.NONE;
import static dev.weft.stress.channel.MpscFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.channel.Mpsc;
import dev.weft.channel.SendResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * Back-pressure hand-off: the first poll of {@code send("b")} on a full {@code bounded(1)} channel
 * (it must queue for a slot on the slot semaphore) vs the receiver taking the buffered "a" with
 * {@code tryRecv} (which returns the slot). The sender either finds the slot already returned (sent
 * at the poll) or is queued and granted the slot by the return, and woken exactly once; the
 * message then reaches the channel. Never a sender waiting beside a free slot.
 *
 * <p>Result: the send's first poll, what the receiver took, the sender's wakes, the arbiter's
 * re-poll when the first was Pending ({@code NONE} otherwise), what the arbiter drained.
 */
@JCStressTest
@Outcome(id = "SENT, a, 0, NONE, b.EMPTY", expect = ACCEPTABLE, desc = "the slot came back first: sent at the poll")
@Outcome(id = "PENDING, a, 1, SENT, b.EMPTY", expect = ACCEPTABLE_INTERESTING, desc = "queued first, granted the returned slot and woken once")
@Outcome(id = "PENDING, [^,]+, 0, .*", expect = FORBIDDEN, desc = "lost hand-off: the sender waits and was never woken")
@Outcome(expect = FORBIDDEN, desc = "anything else (message lost or duplicated, woken twice)")
@State
public class MpscFullSendVsRecvTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();
    private final CountingWaker waker = new CountingWaker();
    private final Future<SendResult<String>> send;

    public MpscFullSendVsRecvTest() {
        if (!tx.trySend("a").isSent()) {
            throw new AssertionError("the empty channel should take \"a\"");
        }
        send = tx.send("b");
    }

    @Actor
    public void send(LLLLL_Result r) {
        r.r1 = MpscFixtures.pollSend(send, waker);
    }

    @Actor
    public void receive(LLLLL_Result r) {
        r.r2 = MpscFixtures.name(rx.tryRecv());
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r3 = waker.wakes();
        r.r4 = PENDING.equals(r.r1) ? MpscFixtures.pollSend(send, waker) : NONE;
        r.r5 = MpscFixtures.drain(rx);
    }
}
