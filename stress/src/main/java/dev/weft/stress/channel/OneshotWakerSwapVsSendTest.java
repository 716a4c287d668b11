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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The receiver, registered with waker A, is polled again with waker B (clear the flag, write B,
 * set the flag, re-check) while the value is sent. Whatever the interleaving, the receiver either
 * returns the value from that poll, or B is woken exactly once; A may be woken only if the send
 * came before the swap (then the poll is ready).
 *
 * <p>Result: second poll (1 ready with the value, 0 pending), wakes of A, wakes of B, value after
 * B's wake (1 right; 1 when the poll was ready).
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "send first: it woke A; the poll is ready")
@Outcome(id = "1, 0, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "send between the swap's clear and set: no wake, the re-check is ready")
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "B registered first, woken once by send")
@Outcome(id = "0, ., 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and B never woken")
@Outcome(expect = FORBIDDEN, desc = "a waker woken twice, A woken while the poll pended, or a wrong value")
@State
public class OneshotWakerSwapVsSendTest {

    private final Oneshot<String> ch = Oneshot.channel();
    private final String value = new String("v");
    private final AtomicInteger wakesA = new AtomicInteger();
    private final AtomicInteger wakesB = new AtomicInteger();
    private final Context cxB = new Context(wakesB::incrementAndGet);

    public OneshotWakerSwapVsSendTest() {
        ch.receiver().poll(new Context(wakesA::incrementAndGet)); // registers A before the race
    }

    @Actor
    public void receiver(IIII_Result r) {
        Poll<RecvResult<String>> p = ch.receiver().poll(cxB);
        r.r1 = !p.isReady() ? 0 : isOurs(p.value()) ? 1 : 2;
    }

    @Actor
    public void sender() {
        ch.sender().send(value);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = wakesA.get();
        r.r3 = wakesB.get();
        r.r4 = r.r1 != 0 ? 1 : isOurs(ch.receiver().poll(cxB).value()) ? 1 : 0;
    }

    private boolean isOurs(RecvResult<String> res) {
        return res instanceof RecvResult.Value<String> v && v.value() == value;
    }
}
