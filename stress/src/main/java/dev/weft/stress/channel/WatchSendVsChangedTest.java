package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.channel.RecvResult;
import dev.weft.channel.Watch;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A receiver's {@code changed()} is polled for the first time (re-check under the lock, then link)
 * while the sender stores a new value. The poll is ready with the new value, or the waker is woken
 * exactly once and the next poll has it; no waiter stays linked.
 *
 * <p>Result: first poll (1 ready with the new value, 0 pending, 2 wrong), wakes, value after the
 * wake (1 right; 1 when the poll was ready), waiters left linked.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "send came first: ready at the poll")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "linked first, woken once by the send")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: pending and never woken")
@Outcome(expect = FORBIDDEN, desc = "woken twice or needlessly, a wrong value, or a waiter left linked")
@State
public class WatchSendVsChangedTest {

    private final Watch<String> ch = Watch.channel("initial");
    private final String value = new String("v");
    private final AtomicInteger wakes = new AtomicInteger();
    private final Context cx = new Context(wakes::incrementAndGet);
    private final Future<RecvResult<String>> changed = ch.receiver().changed();

    @Actor
    public void receiver(IIII_Result r) {
        Poll<RecvResult<String>> p = changed.poll(cx);
        r.r1 = !p.isReady() ? 0 : isOurs(p.value()) ? 1 : 2;
    }

    @Actor
    public void sender() {
        ch.sender().send(value);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = wakes.get();
        r.r3 = r.r1 != 0 ? 1 : isOurs(changed.poll(cx).value()) ? 1 : 0;
        r.r4 = waiterCount(ch);
    }

    private boolean isOurs(RecvResult<String> res) {
        return res instanceof RecvResult.Value<String> v && v.value() == value;
    }

    private static final Method SHARED;
    private static final Method WAITER_COUNT;

    static {
        try {
            // package-private diagnostics; the stress jar runs on the class path
            SHARED = Watch.Sender.class.getDeclaredMethod("shared");
            SHARED.setAccessible(true);
            WAITER_COUNT = SHARED.getReturnType().getDeclaredMethod("changedWaiterCount");
            WAITER_COUNT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int waiterCount(Watch<?> w) {
        try {
            return (int) WAITER_COUNT.invoke(SHARED.invoke(w.sender()));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
