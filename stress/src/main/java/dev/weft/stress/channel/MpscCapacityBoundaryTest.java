package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.channel.Mpsc;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * The capacity boundary of a bounded channel. A {@code bounded(1)} channel holds message "a"; one
 * thread tries to send "b" and then "c" while the receiver takes "a" with {@code tryRecv}. The
 * receive frees exactly one slot (its permit goes back to the slot semaphore after the message left
 * the queue), so at most one of the two sends gets in, and only after "a" was taken. The arbiter
 * drains: what was received equals what was sent, and at most one message was ever buffered.
 *
 * <p>Result: send "b", send "c", what the receiver took, what the arbiter drained (messages, then
 * the final answer), free slots after the drain.
 */
@JCStressTest
@Outcome(id = "FULL, FULL, a, EMPTY, 1", expect = ACCEPTABLE, desc = "both sends came before the receive freed the slot")
@Outcome(id = "SENT, FULL, a, b.EMPTY, 1", expect = ACCEPTABLE_INTERESTING, desc = "the receive freed the slot before \"b\": \"b\" took it, \"c\" was full")
@Outcome(id = "FULL, SENT, a, c.EMPTY, 1", expect = ACCEPTABLE_INTERESTING, desc = "the slot came free between the sends: \"c\" took it")
@Outcome(id = "SENT, SENT, .*", expect = FORBIDDEN, desc = "capacity exceeded: two messages in a one-slot channel")
@Outcome(id = "[^,]+, [^,]+, [^,]+, [^,]+, 0", expect = FORBIDDEN, desc = "a slot was lost: the drained channel is not empty of permits")
@Outcome(expect = FORBIDDEN, desc = "anything else (a sent message lost or duplicated, \"a\" not received)")
@State
public class MpscCapacityBoundaryTest {

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private final Mpsc.Sender<String> tx = channel.sender();
    private final Mpsc.Receiver<String> rx = channel.receiver();

    public MpscCapacityBoundaryTest() {
        if (!tx.trySend("a").isSent()) {
            throw new AssertionError("the empty channel should take \"a\"");
        }
    }

    @Actor
    public void send(LLLLL_Result r) {
        r.r1 = MpscFixtures.name(tx.trySend("b"));
        r.r2 = MpscFixtures.name(tx.trySend("c"));
    }

    @Actor
    public void receive(LLLLL_Result r) {
        r.r3 = MpscFixtures.name(rx.tryRecv());
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r4 = MpscFixtures.drain(rx);
        r.r5 = tx.capacity();
    }
}
