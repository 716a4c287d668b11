package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.channel.Oneshot;
import dev.weft.channel.RecvResult;
import dev.weft.channel.SendResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A sender sends while the receiver is closed. The value is conserved: either the send got in
 * first and the closed receiver can still drain it with {@code tryRecv}, or the close came first and
 * {@code send} hands the very same value back. Never lost, never both.
 *
 * <p>Result: send outcome (1 Sent, 2 Closed with our value, 3 other), drained by tryRecv (1 our
 * value, 0 Closed, 3 other).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent first: the value stays for tryRecv after the close")
@Outcome(id = "2, 0", expect = ACCEPTABLE_INTERESTING, desc = "closed first: send gave the value back")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "value lost: sent, yet not retrievable")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "value duplicated: returned and also received")
@Outcome(expect = FORBIDDEN, desc = "wrong value or impossible outcome")
@State
public class OneshotSendVsCloseTest {

    private final Oneshot<String> ch = Oneshot.channel();
    private final String value = new String("v");

    @Actor
    public void sender(II_Result r) {
        SendResult<String> s = ch.sender().send(value);
        if (s.isSent()) {
            r.r1 = 1;
        } else {
            r.r1 = s instanceof SendResult.Closed<String> c && c.value() == value ? 2 : 3;
        }
    }

    @Actor
    public void closer() {
        ch.receiver().close();
    }

    @Arbiter
    public void check(II_Result r) {
        RecvResult<String> got = ch.receiver().tryRecv();
        if (got instanceof RecvResult.Value<String> v) {
            r.r2 = v.value() == value ? 1 : 3;
        } else {
            r.r2 = got instanceof RecvResult.Closed ? 0 : 3;
        }
    }
}
