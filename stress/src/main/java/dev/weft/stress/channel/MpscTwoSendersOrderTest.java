package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.channel.Mpsc;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Two producers racing on the Vyukov queue's tail swap (and on the slot semaphore's CAS): sender P
 * sends 1 then 2, sender Q (a copy) sends 3 then 4, into a {@code bounded(4)} channel. Each
 * producer's swap-then-link keeps its own messages in order, and a node swapped in but not yet
 * linked only delays what comes after it. The arbiter drains: all four messages, each once, 1
 * before 2 and 3 before 4, in any interleaving.
 *
 * <p>Result: P's two sends, Q's two sends, what the arbiter drained (messages, then the final
 * answer).
 */
@JCStressTest
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 1\\.2\\.3\\.4\\.EMPTY", expect = ACCEPTABLE, desc = "P's sends, then Q's")
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 1\\.3\\.2\\.4\\.EMPTY", expect = ACCEPTABLE, desc = "interleaved: P, Q, P, Q")
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 1\\.3\\.4\\.2\\.EMPTY", expect = ACCEPTABLE, desc = "Q's sends between P's")
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 3\\.1\\.2\\.4\\.EMPTY", expect = ACCEPTABLE, desc = "P's sends between Q's")
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 3\\.1\\.4\\.2\\.EMPTY", expect = ACCEPTABLE, desc = "interleaved: Q, P, Q, P")
@Outcome(id = "SENT\\+SENT, SENT\\+SENT, 3\\.4\\.1\\.2\\.EMPTY", expect = ACCEPTABLE, desc = "Q's sends, then P's")
@Outcome(expect = FORBIDDEN, desc = "a send refused, a message lost or duplicated, or a producer's order broken")
@State
public class MpscTwoSendersOrderTest {

    private final Mpsc<String> channel = Mpsc.bounded(4);
    private final Mpsc.Sender<String> p = channel.sender();
    private final Mpsc.Sender<String> q = p.copy();

    @Actor
    public void producerP(LLL_Result r) {
        String first = MpscFixtures.name(p.trySend("1"));
        r.r1 = first + "+" + MpscFixtures.name(p.trySend("2"));
    }

    @Actor
    public void producerQ(LLL_Result r) {
        String first = MpscFixtures.name(q.trySend("3"));
        r.r2 = first + "+" + MpscFixtures.name(q.trySend("4"));
    }

    @Arbiter
    public void check(LLL_Result r) {
        r.r3 = MpscFixtures.drain(channel.receiver());
    }
}
