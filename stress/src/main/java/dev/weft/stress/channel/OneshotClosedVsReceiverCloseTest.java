package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.channel.Oneshot;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The sender's {@code closed()} future is polled for the first time (registering in the sender's
 * waker slot) while the receiver is closed: ready at the poll, or woken exactly once.
 *
 * <p>Result: first poll (1 ready, 0 pending), wakes.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "receiver closed first: ready at the poll")
@Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "registered first, woken once by the close")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice or needlessly")
@State
public class OneshotClosedVsReceiverCloseTest {

    private final Oneshot<String> ch = Oneshot.channel();
    private final AtomicInteger wakes = new AtomicInteger();
    private final Future<Void> closed = ch.sender().closed();

    @Actor
    public void sender(II_Result r) {
        r.r1 = closed.poll(new Context(wakes::incrementAndGet)).isReady() ? 1 : 0;
    }

    @Actor
    public void receiver() {
        ch.receiver().close();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r2 = wakes.get();
    }
}
