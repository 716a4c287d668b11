package dev.weft.stress.sync;

import dev.weft.stress.CountingWaker;
import static dev.weft.stress.sync.SemaphoreFixtures.ACQUIRED;
import static dev.weft.stress.sync.SemaphoreFixtures.NONE;
import static dev.weft.stress.sync.SemaphoreFixtures.PENDING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Future;
import dev.weft.sync.Mutex;
import dev.weft.sync.MutexGuard;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * Unlock vs the first poll of {@code lock()}. The mutex is held (by {@code tryLock()} before the
 * actors start); one thread writes the guarded value and closes the guard while another polls a
 * {@code lock()} for the first time. The unlock either released the permit before the lock's
 * fast path (locked at the poll) or found the lock queued and handed the permit to it (woken
 * once). Whoever gets the guard must see the value written under the previous guard (the
 * hand-off's happens-before edge). Afterwards the mutex is locked by the new holder alone, and
 * closing that guard frees it for a {@code tryLock()}.
 *
 * <p>Result: the first poll, the waker's wakes, the arbiter's re-poll when the first was Pending
 * ({@code NONE} otherwise), the value the new holder read, the final state ({@code CONSISTENT}, or
 * what was wrong with it).
 */
@JCStressTest
@Outcome(id = "ACQUIRED, 0, NONE, 42, CONSISTENT", expect = ACCEPTABLE, desc = "unlocked first: locked at the poll, saw the value")
@Outcome(id = "PENDING, 1, ACQUIRED, 42, CONSISTENT", expect = ACCEPTABLE_INTERESTING, desc = "queued first, handed the lock by the unlock and woken once")
@Outcome(id = "PENDING, 0, .*", expect = FORBIDDEN, desc = "lost hand-off: the lock waits but was never woken")
@Outcome(id = "[^,]+, [^,]+, [^,]+, 0, .*", expect = FORBIDDEN, desc = "the new holder missed the write made under the previous guard")
@Outcome(expect = FORBIDDEN, desc = "anything else (woken twice, inconsistent final state)")
@State
public class MutexUnlockVsLockTest {

    private final Mutex<Integer> mutex = new Mutex<>(0);
    private final MutexGuard<Integer> held = mutex.tryLock().orElseThrow();
    private final CountingWaker waker = new CountingWaker();
    private final Future<MutexGuard<Integer>> lock = mutex.lock();
    private MutexGuard<Integer> guard; // the lock's guard once a poll returned it

    @Actor
    public void unlock() {
        held.set(42);
        held.close();
    }

    @Actor
    public void lock(LLLLL_Result r) {
        SemaphoreFixtures.Polled<MutexGuard<Integer>> p = SemaphoreFixtures.poll(lock, waker);
        r.r1 = p.outcome;
        if (p.outcome == ACQUIRED) {
            guard = p.value;
            r.r4 = guard.get();
        }
    }

    @Arbiter
    public void check(LLLLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = NONE;
        if (PENDING.equals(r.r1)) {
            SemaphoreFixtures.Polled<MutexGuard<Integer>> p = SemaphoreFixtures.poll(lock, waker);
            r.r3 = p.outcome;
            if (p.outcome == ACQUIRED) {
                guard = p.value;
                r.r4 = guard.get(); // ordered by the hand-off and the waker, not by the arbiter alone
            }
        }
        r.r5 = finalState();
    }

    private String finalState() {
        if (guard == null) {
            return "NO_HOLDER";
        }
        if (!mutex.isLocked()) {
            return "UNLOCKED_WHILE_HELD";
        }
        if (SemaphoreFixtures.queued(mutex) != 0) {
            return "WAITER_LEFT_QUEUED";
        }
        if (mutex.tryLock().isPresent()) {
            return "SECOND_HOLDER";
        }
        guard.close();
        var again = mutex.tryLock();
        if (again.isEmpty()) {
            return "STILL_LOCKED_AFTER_UNLOCK";
        }
        again.get().close();
        return "CONSISTENT";
    }
}
