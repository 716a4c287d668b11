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
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * The receiver's {@code close()} vs the first poll of a send on a full {@code bounded(1)} channel
 * (it must queue for a slot). Closing the slot semaphore fails and wakes every queued sender; a
 * sender polling after the close sees it at once. Either way the send returns
 * {@code Closed} with its message, and the buffered "a" is still receivable, followed by the end.
 *
 * <p>Result: the send's first poll, the sender's wakes, the arbiter's re-poll when the first was
 * Pending ({@code NONE} otherwise), what the arbiter drained.
 */
@JCStressTest
@Outcome(id = "CLOSED, 0, NONE, a.CLOSED", expect = ACCEPTABLE, desc = "closed first: the send fails at once, \"a\" still received")
@Outcome(id = "PENDING, 1, CLOSED, a.CLOSED", expect = ACCEPTABLE_INTERESTING, desc = "queued first, then failed and woken by the close")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: a sender waits on a closed channel")
@Outcome(expect = FORBIDDEN, desc = "anything else (sent into a full or closed channel, \"a\" lost, woken twice)")
@State
public class MpscCloseVsWaitingSendTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();
    private final CountingWaker waker = new CountingWaker();
    private final Future<SendResult<String>> send;

    public MpscCloseVsWaitingSendTest() {
        if (!tx.trySend("a").isSent()) {
            throw new AssertionError("the empty channel should take \"a\"");
        }
        send = tx.send("b");
    }

    @Actor
    public void send(LLLL_Result r) {
        r.r1 = MpscFixtures.pollSend(send, waker);
    }

    @Actor
    public void closeReceiver() {
        rx.close();
    }

    @Arbiter
    public void check(LLLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? MpscFixtures.pollSend(send, waker) : NONE;
        r.r4 = MpscFixtures.drain(rx);
    }
}
