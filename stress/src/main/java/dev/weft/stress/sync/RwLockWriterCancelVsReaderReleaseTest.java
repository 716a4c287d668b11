package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.sync.SemaphoreFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.sync.RwLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * Partial grants under cancellation. An {@code RwLock} with 2 reader slots: reader R1 holds one, a
 * writer W waits for both (it has collected the free one as a partial grant), and reader R2 is
 * queued behind W. One thread closes R1's guard while W's owner cancels W. Whoever wins, no slot
 * is lost and R2 gets in: a release that came first completed W's grant (W woken), and W's cancel
 * passes both slots on, one to R2 and one back to the lock; a cancel that came first gave W's
 * partial slot to R2, and the release then returns R1's slot to the word.
 *
 * <p>Result: W's wakes, R2's wakes, R2's next poll, then (with R2 reading) free slots and queued
 * waiters.
 */
@JCStressTest
@Outcome(id = "0, 1, ACQUIRED, 1, 0", expect = ACCEPTABLE, desc = "W cancelled first: its partial slot went to R2, R1's slot came back free")
@Outcome(id = "1, 1, ACQUIRED, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "W completed first (woken), its cancel passed both slots on")
@Outcome(id = "[^,]+, 0, ACQUIRED, .*", expect = FORBIDDEN, desc = "R2 granted but never woken: lost wake-up")
@Outcome(id = "[^,]+, [^,]+, PENDING, .*", expect = FORBIDDEN, desc = "R2 still waits: a slot was lost or stranded")
@Outcome(id = "[^,]+, [^,]+, ACQUIRED, 0, .*", expect = FORBIDDEN, desc = "a reader slot was lost")
@Outcome(expect = FORBIDDEN, desc = "anything else (slots created, woken twice, a waiter left queued)")
@State
public class RwLockWriterCancelVsReaderReleaseTest {

    private final RwLock<Integer> lock = new RwLock<>(0, 2);
    private final RwLock.ReadGuard<Integer> r1 = lock.tryRead().orElseThrow();
    private final CountingWaker writerWaker = new CountingWaker();
    private final CountingWaker readerWaker = new CountingWaker();
    private final Future<RwLock.WriteGuard<Integer>> writer = lock.write();
    private final Future<RwLock.ReadGuard<Integer>> r2 = lock.read();

    public RwLockWriterCancelVsReaderReleaseTest() {
        if (SemaphoreFixtures.poll(writer, writerWaker).outcome != PENDING
                || SemaphoreFixtures.poll(r2, readerWaker).outcome != PENDING) {
            throw new AssertionError("the writer and the second reader should both queue");
        }
    }

    @Actor
    public void releaseReader() {
        r1.close();
    }

    @Actor
    public void cancelWriter() {
        SemaphoreFixtures.cancel(writer);
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r1 = writerWaker.wakes();
        r.r2 = readerWaker.wakes();
        r.r3 = SemaphoreFixtures.poll(r2, readerWaker).outcome;
        r.r4 = SemaphoreFixtures.fair(lock).availablePermits();
        r.r5 = SemaphoreFixtures.queued(lock);
    }
}
