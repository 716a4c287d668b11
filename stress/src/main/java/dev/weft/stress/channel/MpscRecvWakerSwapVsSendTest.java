package dev.weft.stress.channel;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.channel.MpscFixtures.NONE;
import static dev.weft.stress.channel.MpscFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.channel.Mpsc;
import dev.weft.channel.RecvResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * Re-registration with another waker vs a send. A receive is Pending with waker A (polled before
 * the actors start); the receiver polls it again with waker B (the task moved, or a combinator
 * re-wrapped it), which takes the registration back (CAS 1 to 0), stores B and sets the flag again,
 * while a sender appends "x" and CASes the flag. A sender that won the flag may call A or B, but
 * then the receiver's second look finds "x"; if the receiver stays Pending, the sender's CAS came
 * after B was stored and woke B. One push wakes at most once.
 *
 * <p>Result: the re-poll with B, A's wakes, B's wakes, the arbiter's poll with B when the re-poll
 * was Pending ({@code NONE} otherwise).
 */
@JCStressTest
@Outcome(id = "x, 0, 0, NONE", expect = ACCEPTABLE, desc = "the message was there at the re-poll")
@Outcome(id = "x, 1, 0, NONE", expect = ACCEPTABLE_INTERESTING, desc = "the sender woke the old waker A, the re-poll found the message")
@Outcome(id = "x, 0, 1, NONE", expect = ACCEPTABLE_INTERESTING, desc = "B registered, the second look found the message, the sender woke B spuriously")
@Outcome(id = "PENDING, 0, 1, x", expect = ACCEPTABLE_INTERESTING, desc = "B registered first, then woken once by the send")
@Outcome(id = "PENDING, [^,]+, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: Pending with B, but B never woken")
@Outcome(expect = FORBIDDEN, desc = "anything else (two wakes for one push, message lost)")
@State
public class MpscRecvWakerSwapVsSendTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final CountingWaker wakerA = new CountingWaker();
    private final CountingWaker wakerB = new CountingWaker();
    private final Future<RecvResult<String>> recv = channel.receiver().recv();

    public MpscRecvWakerSwapVsSendTest() {
        if (!PENDING.equals(MpscFixtures.pollRecv(recv, wakerA))) {
            throw new AssertionError("a receive on an empty channel should be Pending");
        }
    }

    @Actor
    public void repollWithB(LLLL_Result r) {
        r.r1 = MpscFixtures.pollRecv(recv, wakerB);
    }

    @Actor
    public void send() {
        if (!tx.trySend("x").isSent()) {
            throw new AssertionError("the empty channel should take \"x\"");
        }
    }

    @Arbiter
    public void check(LLLL_Result r) {
        r.r2 = wakerA.wakes();
        r.r3 = wakerB.wakes();
        r.r4 = PENDING.equals(r.r1) ? MpscFixtures.pollRecv(recv, wakerB) : NONE;
    }
}
