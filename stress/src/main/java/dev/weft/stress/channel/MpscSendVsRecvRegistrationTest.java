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
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * The receiver's Dekker pair: the first poll of {@code recv()} on an empty channel vs a send. The
 * receiver finds the queue empty, stores its waker, sets {@code rxWaiting} (volatile) and looks at
 * the queue again; the sender links its node (volatile) and then reads {@code rxWaiting}. Either
 * the receiver's second look finds the message, or the sender sees the flag and wakes it: never a
 * receiver that waits while its message sits in the queue.
 *
 * <p>A wake after a Ready poll is allowed: the receiver registered, then its second look found the
 * message while the sender already saw the flag. It costs one spurious poll.
 *
 * <p>Result: the first poll (the message, or {@code PENDING}), the send, the receiver's wakes, the
 * arbiter's re-poll when the first was Pending ({@code NONE} otherwise), what was left afterwards.
 */
@JCStressTest
@Outcome(id = "x, SENT, 0, NONE, EMPTY", expect = ACCEPTABLE, desc = "the message was there at the poll")
@Outcome(id = "x, SENT, 1, NONE, EMPTY", expect = ACCEPTABLE_INTERESTING, desc = "received at the poll's second look; the sender also saw the flag: one spurious wake")
@Outcome(id = "PENDING, SENT, 1, x, EMPTY", expect = ACCEPTABLE_INTERESTING, desc = "registered first, then woken once by the send")
@Outcome(id = "PENDING, [^,]+, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: the receiver waits while its message is queued")
@Outcome(expect = FORBIDDEN, desc = "anything else (message lost or duplicated, woken twice)")
@State
public class MpscSendVsRecvRegistrationTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();
    private final CountingWaker waker = new CountingWaker();
    private final Future<RecvResult<String>> recv = rx.recv();

    @Actor
    public void receive(LLLLL_Result r) {
        r.r1 = MpscFixtures.pollRecv(recv, waker);
    }

    @Actor
    public void send(LLLLL_Result r) {
        r.r2 = MpscFixtures.name(tx.trySend("x"));
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r3 = waker.wakes();
        r.r4 = PENDING.equals(r.r1) ? MpscFixtures.pollRecv(recv, waker) : NONE;
        r.r5 = MpscFixtures.drain(rx);
    }
}
