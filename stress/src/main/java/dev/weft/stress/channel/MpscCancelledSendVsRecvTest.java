package dev.weft.stress.channel;

import dev.weft.stress.CountingWaker;
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
 * Slot conservation through a cancelled send. A full {@code bounded(1)} channel holds "a"; sends of
 * "b" (S1) and "c" (S2) wait for a slot, in that order. The receiver takes "a" (returning its slot)
 * while S1's owner closes S1. The slot must reach S2 whoever wins: a return that came first granted
 * S1, whose close passes the grant on; a close that came first unlinked S1, so the return finds S2.
 * S2 is woken once and sends "c"; "b" is never delivered (its send was cancelled).
 *
 * <p>Result: what the receiver took, S1's wakes, S2's wakes, S2's next poll, what the arbiter
 * drained.
 */
@JCStressTest
@Outcome(id = "a, 0, 1, SENT, c.EMPTY", expect = ACCEPTABLE, desc = "S1 cancelled first: the returned slot went to S2")
@Outcome(id = "a, 1, 1, SENT, c.EMPTY", expect = ACCEPTABLE_INTERESTING, desc = "S1 granted first (woken), its close passed the slot on to S2")
@Outcome(id = "[^,]+, [^,]+, 0, .*", expect = FORBIDDEN, desc = "S2 never woken: the slot was lost or the wake-up was")
@Outcome(id = "[^,]+, [^,]+, [^,]+, PENDING, .*", expect = FORBIDDEN, desc = "S2 still waits: the slot was lost or stranded")
@Outcome(expect = FORBIDDEN, desc = "anything else (the cancelled \"b\" delivered, a message lost, woken twice)")
@State
public class MpscCancelledSendVsRecvTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();
    private final CountingWaker waker1 = new CountingWaker();
    private final CountingWaker waker2 = new CountingWaker();
    private final Future<SendResult<String>> s1;
    private final Future<SendResult<String>> s2;

    public MpscCancelledSendVsRecvTest() {
        if (!tx.trySend("a").isSent()) {
            throw new AssertionError("the empty channel should take \"a\"");
        }
        s1 = tx.send("b");
        s2 = tx.send("c");
        if (!PENDING.equals(MpscFixtures.pollSend(s1, waker1))
                || !PENDING.equals(MpscFixtures.pollSend(s2, waker2))) {
            throw new AssertionError("both sends should wait on a full channel");
        }
    }

    @Actor
    public void receive(LLLLL_Result r) {
        r.r1 = MpscFixtures.name(rx.tryRecv());
    }

    @Actor
    public void cancelFirst() {
        try {
            ((AutoCloseable) s1).close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r2 = waker1.wakes();
        r.r3 = waker2.wakes();
        r.r4 = MpscFixtures.pollSend(s2, waker2);
        r.r5 = MpscFixtures.drain(rx);
    }
}
