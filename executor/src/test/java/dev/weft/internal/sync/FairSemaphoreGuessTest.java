package dev.weft.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testkit.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The guessed fast paths ({@code tryAcquire(n, likelyFree)}, {@code release(n, likelyFree)}) try
 * one blind compare-and-set from "exactly {@code likelyFree} permits, no flags". A guess is only a
 * speed hint: in every state, right or wrong, the outcome must be the one the general path gives.
 * Each case builds two identical semaphores, runs the general call on one and the guessed call on
 * the other, and compares everything a user can observe.
 */
class FairSemaphoreGuessTest {

    /** A semaphore in some state, with the waiters queued on it and their wakers. */
    private record Setup(String name, FairSemaphore sem, List<CountingWaker> wakers) {

        String observed() {
            StringBuilder b = new StringBuilder()
                    .append("free=").append(sem.availablePermits())
                    .append(" queued=").append(sem.queuedWaiters())
                    .append(" closed=").append(sem.isClosed())
                    .append(" wakes=");
            wakers.forEach(w -> b.append(w.wakes()).append(','));
            return b.toString();
        }
    }

    /** Every state the word can be in: free counts, queued waiters (with a partial grant), closed. */
    private static List<Setup> states() {
        List<Setup> all = new ArrayList<>();
        for (long free = 0; free <= 3; free++) {
            all.add(new Setup("free " + free, new FairSemaphore(free), List.of()));
        }
        all.add(queued("no permits, one waiter for 1", 0, 1));
        all.add(queued("1 permit taken as a partial grant by a waiter for 3", 1, 3));
        all.add(queued("no permits, waiters for 1 and 2", 0, 1, 2));
        for (long free = 0; free <= 2; free++) {
            FairSemaphore s = new FairSemaphore(free);
            s.close();
            all.add(new Setup("closed with " + free + " free", s, List.of()));
        }
        return all;
    }

    private static Setup queued(String name, long free, long... needs) {
        FairSemaphore s = new FairSemaphore(free);
        List<CountingWaker> wakers = new ArrayList<>();
        for (long n : needs) {
            CountingWaker w = new CountingWaker();
            assertThat(s.newAcquire(n).poll(w.cx())).isEqualTo(FairSemaphore.Outcome.PENDING);
            wakers.add(w);
        }
        return new Setup(name, s, wakers);
    }

    private static void forEachTwin(Consumer<Setup[]> check) {
        List<Setup> a = states(), b = states();
        for (int i = 0; i < a.size(); i++) {
            check.accept(new Setup[] {a.get(i), b.get(i)});
        }
    }

    @Test
    void aGuessedTryAcquireAnswersAsTheGeneralOneInEveryState() {
        for (long n = 0; n <= 3; n++) {
            for (long guess = 0; guess <= 4; guess++) {
                long need = n, g = guess;
                forEachTwin(t -> {
                    FairSemaphore.Outcome general = t[0].sem().tryAcquire(need);
                    FairSemaphore.Outcome guessed = t[1].sem().tryAcquire(need, g);
                    String where = t[0].name() + ", n=" + need + ", guess=" + g;
                    assertThat(guessed).as(where).isEqualTo(general);
                    assertThat(t[1].observed()).as(where).isEqualTo(t[0].observed());
                });
            }
        }
    }

    @Test
    void aGuessedReleaseServesWaitersAndCountsAsTheGeneralOneInEveryState() {
        for (long n = 1; n <= 3; n++) {
            for (long guess = 0; guess <= 4; guess++) {
                long give = n, g = guess;
                forEachTwin(t -> {
                    t[0].sem().release(give);
                    t[1].sem().release(give, g);
                    String where = t[0].name() + ", n=" + give + ", guess=" + g;
                    assertThat(t[1].observed()).as(where).isEqualTo(t[0].observed());
                });
            }
        }
    }

    @Test
    void aReleaseWithAWaiterQueuedHandsOverEvenWhenTheGuessMatchesTheCount() {
        // The word of a semaphore with a waiter queued holds 0 permits and the WAITERS flag: a
        // guess of 0 must not add the permit to the word past the waiter.
        Setup s = queued("waiter for 1", 0, 1);
        s.sem().release(1, 0);
        assertThat(s.wakers().get(0).wakes()).isEqualTo(1);
        assertThat(s.sem().availablePermits()).isZero();
        assertThat(s.sem().queuedWaiters()).isZero();
    }

    @Test
    void aGuessedCallRejectsWhatTheGeneralOneRejects() {
        FairSemaphore s = new FairSemaphore(0);
        assertThatThrownBy(() -> s.release(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        FairSemaphore full = new FairSemaphore(FairSemaphore.MAX_PERMITS);
        assertThatThrownBy(() -> full.release(1, FairSemaphore.MAX_PERMITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed");
        assertThat(full.availablePermits()).isEqualTo(FairSemaphore.MAX_PERMITS);
        assertThat(new FairSemaphore(1).tryAcquire(2, 1)).isEqualTo(FairSemaphore.Outcome.NO_PERMITS);
    }
}
