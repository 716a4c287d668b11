package dev.weft.stress.sync;

import static dev.weft.stress.sync.SemaphoreFixtures.ACQUIRED;
import static dev.weft.stress.sync.SemaphoreFixtures.NONE;
import static dev.weft.stress.sync.SemaphoreFixtures.PENDING;

import dev.weft.Future;
import dev.weft.stress.CountingWaker;
import java.util.function.Function;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/**
 * The "release vs first poll" half that several lock tests share: an actor polls an acquire once,
 * and the arbiter re-polls it if it was Pending. It fills the result's first four fields: the
 * first poll's outcome, the waker's wakes, the re-poll's outcome ({@code NONE} when there was
 * none), and the value the new holder read through its guard.
 *
 * @param <G> the guard type
 */
final class HandOffProbe<G> {

    private final Future<G> acquire;
    private final Function<G, Object> read;
    private final CountingWaker waker = new CountingWaker();

    /**
     * @param acquire the acquire future, not polled yet
     * @param read    what the holder reads through its guard
     */
    HandOffProbe(Future<G> acquire, Function<G, Object> read) {
        this.acquire = acquire;
        this.read = read;
    }

    /** The actor's side: one poll; r1 is its outcome, r4 the value read if it acquired. */
    void firstPoll(LLLLL_Result r) {
        SemaphoreFixtures.Polled<G> p = SemaphoreFixtures.poll(acquire, waker);
        r.r1 = p.outcome;
        if (p.outcome == ACQUIRED) {
            r.r4 = read.apply(p.value);
        }
    }

    /** The arbiter's side: r2 the wakes; a Pending first poll is polled again (r3, and r4). */
    void settle(LLLLL_Result r) {
        r.r2 = waker.wakes();
        r.r3 = NONE;
        if (PENDING.equals(r.r1)) {
            SemaphoreFixtures.Polled<G> p = SemaphoreFixtures.poll(acquire, waker);
            r.r3 = p.outcome;
            if (p.outcome == ACQUIRED) {
                r.r4 = read.apply(p.value); // ordered by the hand-off and the waker, not by the arbiter alone
            }
        }
    }
}
