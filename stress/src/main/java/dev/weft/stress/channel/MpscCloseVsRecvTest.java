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
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The last sender's {@code close()} vs the receiver's registration on an empty channel. Closing
 * CASes {@code CLOSED} into the slot semaphore's word and then reads {@code rxWaiting}; the
 * receiver sets {@code rxWaiting} and then re-reads the word ("closed with every slot back"). Either
 * the receiver sees the end at its poll, or the close sees the flag and wakes it; never a receiver
 * waiting on a closed, drained channel.
 *
 * <p>Result: the first poll ({@code CLOSED} or {@code PENDING}), the receiver's wakes, the arbiter's
 * re-poll when the first was Pending ({@code NONE} otherwise).
 */
@JCStressTest
@Outcome(id = "CLOSED, 0, NONE", expect = ACCEPTABLE, desc = "closed first: the end at the poll")
@Outcome(id = "CLOSED, 1, NONE", expect = ACCEPTABLE_INTERESTING, desc = "the end seen at the poll's second look; the close also saw the flag: one spurious wake")
@Outcome(id = "PENDING, 1, CLOSED", expect = ACCEPTABLE_INTERESTING, desc = "registered first, then woken once by the close")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: the receiver waits on a closed channel")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, a message out of nowhere)")
@State
public class MpscCloseVsRecvTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final CountingWaker waker = new CountingWaker();
    private final Future<RecvResult<String>> recv = channel.receiver().recv();

    @Actor
    public void receive(LLL_Result r) {
        r.r1 = MpscFixtures.pollRecv(recv, waker);
    }

    @Actor
    public void closeLastSender() {
        tx.close();
    }

    @Arbiter
    public void check(LLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? MpscFixtures.pollRecv(recv, waker) : NONE;
    }
}
