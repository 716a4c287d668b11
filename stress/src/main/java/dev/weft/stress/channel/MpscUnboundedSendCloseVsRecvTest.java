package dev.weft.stress.channel;

import dev.weft.stress.CountingWaker;
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
 * {@link MpscSendCloseVsRecvTest} on an unbounded channel whose receiver still owes slots: two
 * messages were received before the race, and an unbounded channel's receiver returns its slots
 * in batches, so its drained check must count the two it has not returned yet. The last sender
 * sends "x" and closes while the receiver polls {@code recv()} once. The receiver reports the end only when the channel is closed <em>and</em>
 * every slot is back, and "x" holds its slot until it is received, so the receiver gets "x" (at the
 * poll, or after one wake) before it may see the end; then a fresh receive sees the end at once.
 *
 * <p>Result: the first poll, the receiver's wakes, the arbiter's re-poll when the first was
 * Pending ({@code NONE} otherwise), a fresh receive's first poll.
 */
@JCStressTest
@Outcome(id = "x, 0, NONE, CLOSED", expect = ACCEPTABLE, desc = "\"x\" was there at the poll")
@Outcome(id = "x, 1, NONE, CLOSED", expect = ACCEPTABLE_INTERESTING, desc = "\"x\" found at the poll's second look; one spurious wake")
@Outcome(id = "PENDING, 1, x, CLOSED", expect = ACCEPTABLE_INTERESTING, desc = "registered first, woken once, then \"x\" and the end")
@Outcome(id = "CLOSED, .*", expect = FORBIDDEN, desc = "the end reported before \"x\": a message lost behind the close")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, the end missing after the drain)")
@State
public class MpscUnboundedSendCloseVsRecvTest {

    private final Mpsc<String> channel = Mpsc.unbounded();
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();
    private final CountingWaker waker = new CountingWaker();
    private final Future<RecvResult<String>> recv;

    public MpscUnboundedSendCloseVsRecvTest() {
        for (String m : new String[] {"a", "b"}) {
            tx.trySend(m);
            if (!m.equals(MpscFixtures.name(rx.tryRecv()))) {
                throw new AssertionError("the setup should receive " + m);
            }
        }
        recv = rx.recv();
    }

    @Actor
    public void receive(LLLL_Result r) {
        r.r1 = MpscFixtures.pollRecv(recv, waker);
    }

    @Actor
    public void sendThenClose() {
        MpscFixtures.sendXThenClose(tx);
    }

    @Arbiter
    public void check(LLLL_Result r) {
        MpscFixtures.afterSendCloseRace(r, recv, rx, waker);
    }
}
