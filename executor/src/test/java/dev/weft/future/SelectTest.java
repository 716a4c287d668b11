package dev.weft.future;

import static dev.weft.future.Probes.cx;
import static dev.weft.future.Probes.readyGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Futures.Selected;
import dev.weft.future.Probes.Gate;
import dev.weft.future.Probes.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectTest {

    @Test
    void firstToFinishWinsAndTheLosersAreCancelledInOrder() {
        Log log = new Log();
        Gate<String> a = new Gate<>("a", log);
        Gate<String> b = new Gate<>("b", log);
        Gate<String> c = new Gate<>("c", log);
        Future<Selected<String>> s = Futures.select(a, b, c);
        assertThat(s.poll(cx()).isReady()).isFalse();
        b.complete("B");
        assertThat(s.poll(cx()).value()).isEqualTo(new Selected<>(1, "B"));
        assertThat(log.events()).containsExactly("closed b", "closed a", "closed c");
        assertThatThrownBy(() -> s.poll(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingBranchWinsTooAndItsExceptionPropagates() {
        Log log = new Log();
        Gate<String> a = new Gate<>("a", log);
        Gate<String> b = new Gate<>("b", log);
        Future<String> r = Futures.race(a, b);
        r.poll(cx());
        a.fail(new IllegalStateException("a broke"));
        assertThatThrownBy(() -> r.poll(cx())).hasMessage("a broke");
        assertThat(log.events()).containsExactly("closed a", "closed b");
    }

    @Test
    void closingASelectCancelsEveryBranchInOrder() throws Exception {
        Log log = new Log();
        Future<Selected<String>> s = Futures.select(new Gate<>("a", log), new Gate<>("b", log));
        s.poll(cx());
        ((AutoCloseable) s).close();
        assertThat(log.events()).containsExactly("closed a", "closed b");
        assertThatThrownBy(() -> s.poll(cx())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void defaultSelectStartsAtARandomBranchSoNoneStarves() {
        final int rounds = 10_000;
        final int branches = 4;
        int[] wins = new int[branches];
        for (int r = 0; r < rounds; r++) {
            Future<Selected<Integer>> s = Futures.select(
                    Futures.ready(0), Futures.ready(1), Futures.ready(2), Futures.ready(3));
            wins[s.poll(cx()).value().index()]++;
        }
        // Expect 2,500 each; P(below 2,000) for a fair coin is ~1e-30 (binomial, 10 sigma).
        for (int w : wins) {
            assertThat(w).isGreaterThan(2_000);
        }
    }

    @Test
    void selectBiasedAlwaysPrefersTheEarliestReadyBranch() {
        for (int r = 0; r < 10_000; r++) {
            Future<Selected<Integer>> s = Futures.selectBiased(Futures.pending(), Futures.ready(1), Futures.ready(2));
            assertThat(s.poll(cx()).value().index()).isEqualTo(1);
        }
    }

    @Test
    void selectBiasedPollsInOrder() {
        Log log = new Log();
        Gate<Integer> a = new Gate<>("a", log);
        Gate<Integer> b = new Gate<>("b", log);
        Future<Selected<Integer>> s = Futures.selectBiased(a, b);
        s.poll(cx());
        a.complete(1);
        b.complete(2);
        assertThat(s.poll(cx()).value().index()).isZero();
        assertThat(b.polls).hasValue(1); // only the first poll reached b
    }

    @Test
    void selectOfAListAndRaceOfAList() {
        assertThat(Futures.select(List.of(Futures.<Integer>pending(), Futures.ready(9))).poll(cx()).value())
                .isEqualTo(new Selected<>(1, 9));
        assertThat(Futures.race(List.of(Futures.<Integer>pending(), Futures.ready(9))).poll(cx()).value())
                .isEqualTo(9);
    }

    @Test
    void selectNeedsABranch() {
        assertThatThrownBy(() -> Futures.select()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void winnerIsClosedBeforeTheLosers() {
        Log log = new Log();
        Gate<String> loser = new Gate<>("loser", log);
        Future<Selected<String>> s = Futures.selectBiased(loser, readyGate("winner", log, "w"));
        assertThat(s.poll(cx()).value().value()).isEqualTo("w");
        assertThat(log.events()).containsExactly("closed winner", "closed loser");
    }
}
