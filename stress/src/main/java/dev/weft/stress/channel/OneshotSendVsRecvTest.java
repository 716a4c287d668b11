package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.channel.Oneshot;
import dev.weft.channel.RecvResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The receiver's first poll (registering its waker) races a send. The wake-up is never lost: the
 * poll is ready with the value, or the waker is woken exactly once and the next poll has the value.
 *
 * <p>Result: first poll (1 ready with the value, 0 pending, 2 wrong), wakes, value after a wake
 * (1 right, 0 wrong; 1 when the first poll was ready).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "send came first: ready at the poll, no wake")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "registered first, woken once by send")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice or needlessly, or a wrong value")
@State
public class OneshotSendVsRecvTest {

    private final Oneshot<String> ch = Oneshot.channel();
    private final String value = new String("v");
    private final AtomicInteger wakes = new AtomicInteger();
    private final Context cx = new Context(wakes::incrementAndGet);

    @Actor
    public void receiver(III_Result r) {
        Poll<RecvResult<String>> p = ch.receiver().poll(cx);
        r.r1 = !p.isReady() ? 0 : isOurs(p.value()) ? 1 : 2;
    }

    @Actor
    public void sender() {
        ch.sender().send(value);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = wakes.get();
        r.r3 = r.r1 != 0 ? 1 : isOurs(ch.receiver().poll(cx).value()) ? 1 : 0;
    }

    private boolean isOurs(RecvResult<String> res) {
        return res instanceof RecvResult.Value<String> v && v.value() == value;
    }
}
