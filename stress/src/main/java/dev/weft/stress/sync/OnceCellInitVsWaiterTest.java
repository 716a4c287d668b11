package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.sync.SemaphoreFixtures.NONE;
import static dev.weft.stress.sync.SemaphoreFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.sync.OnceCell;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * A finishing initialiser vs a second caller's first poll. Caller A holds the cell's init permit
 * and its initialiser is pending (one poll before the actors start). One thread polls A again: the
 * initialiser completes, A stores the value and closes the init semaphore, which wakes every
 * waiter. Meanwhile caller B polls {@code getOrInit} for the first time: it reads the value, or
 * queues for the permit (A holds it), or finds the semaphore closed. B must end with A's value,
 * either at the poll or after exactly one wake; its own initialiser never runs.
 *
 * <p>Result: B's first poll (the value, or {@code PENDING}), B's wakes, B's re-poll when the first
 * was Pending ({@code NONE} otherwise), how many times B's initialiser ran.
 */
@JCStressTest
@Outcome(id = "7, 0, NONE, 0", expect = ACCEPTABLE, desc = "B got the value at its first poll")
@Outcome(id = "PENDING, 1, 7, 0", expect = ACCEPTABLE_INTERESTING, desc = "B queued, then was woken by the publishing close and got the value")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost wake-up: B waits for a value that is already there")
@Outcome(id = "[^,]+, [^,]+, [^,]+, [1-9]", expect = FORBIDDEN, desc = "B ran its own initialiser although A's succeeded")
@Outcome(expect = FORBIDDEN, desc = "anything else (another value, woken twice)")
@State
public class OnceCellInitVsWaiterTest {

    private final OnceCell<Integer> cell = new OnceCell<>();
    private final Future<Integer> a = cell.getOrInit(SecondPollReady::new);
    private final AtomicInteger bInits = new AtomicInteger();
    private final Future<Integer> b = cell.getOrInit(() -> {
        bInits.incrementAndGet();
        return new SecondPollReady();
    });
    private final CountingWaker bWaker = new CountingWaker();
    private final Context aCx = new Context(Waker.noop());

    public OnceCellInitVsWaiterTest() {
        if (a.poll(aCx).isReady()) {
            throw new AssertionError("A's initialiser should be pending after one poll");
        }
    }

    @Actor
    public void finishInit() {
        if (!a.poll(aCx).isReady()) {
            throw new AssertionError("A's initialiser completes at its second poll");
        }
    }

    @Actor
    public void waiter(LLLL_Result r) {
        r.r1 = describe(b.poll(new Context(bWaker)));
    }

    @Arbiter
    public void check(LLLL_Result r) {
        r.r2 = bWaker.wakes();
        r.r3 = PENDING.equals(r.r1) ? describe(b.poll(new Context(bWaker))) : NONE;
        r.r4 = bInits.get();
    }

    private static String describe(Poll<Integer> p) {
        return p.isReady() ? String.valueOf(p.value()) : PENDING;
    }

    /** An initialiser that is pending at its first poll and yields 7 at its second. */
    private static final class SecondPollReady implements Future<Integer> {
        private int polls;

        @Override
        public Poll<Integer> poll(Context cx) {
            return ++polls >= 2 ? Poll.ready(7) : Poll.pending();
        }
    }
}
