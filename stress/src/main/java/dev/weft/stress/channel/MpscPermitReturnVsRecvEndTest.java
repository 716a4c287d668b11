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
 * The end of a closed channel waits for the last slot. A {@code bounded(1)} channel's only slot is
 * reserved ({@code tryReserve()}), then the channel is closed (the last sender handle). The
 * receiver may not report the end while the reservation could still send, so its receive waits.
 * One thread returns the reservation unused (slot back, then a wake), while the receiver polls
 * {@code recv()} for the first time (registers, then re-reads "closed with every slot back"). The
 * receiver sees the end at the poll or is woken for it; never waits on a drained, closed channel.
 *
 * <p>Result: the first poll, the receiver's wakes, the arbiter's re-poll when the first was Pending
 * ({@code NONE} otherwise).
 */
@JCStressTest
@Outcome(id = "CLOSED, 0, NONE", expect = ACCEPTABLE, desc = "the slot came back first: the end at the poll")
@Outcome(id = "CLOSED, 1, NONE", expect = ACCEPTABLE_INTERESTING, desc = "the end seen at the poll's second look; one spurious wake")
@Outcome(id = "PENDING, 1, CLOSED", expect = ACCEPTABLE_INTERESTING, desc = "registered first, woken once by the returned slot")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: the receiver waits although the channel is closed and drained")
@Outcome(expect = FORBIDDEN, desc = "anything else (a message out of nowhere, woken twice)")
@State
public class MpscPermitReturnVsRecvEndTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Permit<String> reserved = channel.sender().tryReserve().orElseThrow();
    private final CountingWaker waker = new CountingWaker();
    private final Future<RecvResult<String>> recv = channel.receiver().recv();

    public MpscPermitReturnVsRecvEndTest() {
        channel.sender().close();
    }

    @Actor
    public void receive(LLL_Result r) {
        r.r1 = MpscFixtures.pollRecv(recv, waker);
    }

    @Actor
    public void returnSlot() {
        reserved.close();
    }

    @Arbiter
    public void check(LLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? MpscFixtures.pollRecv(recv, waker) : NONE;
    }
}
