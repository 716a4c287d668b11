package dev.weft.stress.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.sync.RwLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * The writer's guessed release vs a reader's first poll. An {@code RwLock} with 2 reader slots is
 * write-locked before the actors start; one thread writes the value and closes the write guard (a blind
 * compare-and-set from "no free slots, nobody queued", falling back to the hand-off path) while
 * another polls {@code read()} for the first time. The release either came first (the reader gets
 * in at its poll) or found the reader queued (the slot is handed over and the reader woken once);
 * either way the reader sees the value written under the write guard, and so one of the 2 slots is free at the end.
 *
 * <p>Result: the first poll, the reader's wakes, the arbiter's re-poll when the first was Pending
 * ({@code NONE} otherwise), the value the reader read, then free slots and queued waiters.
 */
@JCStressTest
@Outcome(id = "ACQUIRED, 0, NONE, 42, 1, 0", expect = ACCEPTABLE, desc = "released first: the reader got in at its poll")
@Outcome(id = "PENDING, 1, ACQUIRED, 42, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "queued first: handed a slot and woken once")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost hand-off: the reader waits but was never woken")
@Outcome(id = "[^,]+, [^,]+, [^,]+, 0, .*", expect = FORBIDDEN, desc = "the reader missed the write made under the write guard")
@Outcome(expect = FORBIDDEN, desc = "anything else (a slot lost or created, woken twice, a waiter left queued)")
@State
public class RwLockWriteUnlockVsReadTest {

    private final RwLock<Integer> lock = new RwLock<>(0, 2);
    private final RwLock.WriteGuard<Integer> w = lock.tryWrite().orElseThrow();
    private final HandOffProbe<RwLock.ReadGuard<Integer>> reader =
            new HandOffProbe<>(lock.read(), RwLock.ReadGuard::get);

    @Actor
    public void release() {
        w.set(42);
        w.close();
    }

    @Actor
    public void read(LLLLL_Result r) {
        reader.firstPoll(r);
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        reader.settle(r);
        r.r5 = SemaphoreFixtures.fair(lock).availablePermits() + ", " + SemaphoreFixtures.queued(lock);
    }
}
