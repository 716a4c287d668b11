package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BudgetTest {

    @Test
    void outsideATaskTheBudgetIsUnconstrained() {
        AtomicInteger wakes = new AtomicInteger();
        Context cx = new Context(wakes::incrementAndGet);

        for (int i = 0; i < 10 * Budget.PER_POLL; i++) {
            assertThat(Budget.proceed(cx)).isTrue();
        }
        Budget.refund(cx);

        assertThat(Budget.remaining(cx)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Budget.isExhausted(cx)).isFalse();
        assertThat(wakes).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void everyPollOfATaskStartsWithAFullBudget(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<Integer> atStart = new ArrayList<>();
            JoinHandle<List<Integer>> h = f.rt.spawn(cx -> {
                atStart.add(Budget.remaining(cx));
                for (int i = 0; i < 10; i++) {
                    Budget.proceed(cx);
                }
                if (atStart.size() < 3) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready(atStart);
            });

            assertThat(f.join(h)).containsExactly(Budget.PER_POLL, Budget.PER_POLL, Budget.PER_POLL);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void proceedSpendsAUnitAndRefundGivesItBackButNeverAboveTheStartingBudget(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<List<Integer>> h = f.rt.spawn(cx -> {
                List<Integer> r = new ArrayList<>();
                Budget.refund(cx);
                r.add(Budget.remaining(cx)); // refund of a full budget: no change
                Budget.proceed(cx);
                Budget.proceed(cx);
                r.add(Budget.remaining(cx));
                Budget.refund(cx);
                r.add(Budget.remaining(cx));
                return Poll.ready(r);
            });

            assertThat(f.join(h)).containsExactly(Budget.PER_POLL, Budget.PER_POLL - 2, Budget.PER_POLL - 1);
        }
    }

    /** An exhausted budget has already re-woken the task: returning Pending is enough to be polled again. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void whenTheBudgetIsSpentProceedFailsAndTheTaskIsPolledAgain(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<int[]> h = f.rt.spawn(new Future<int[]>() {
                int polls;
                int granted;

                @Override
                public Poll<int[]> poll(Context cx) {
                    polls++;
                    if (polls == 2) {
                        return Poll.ready(new int[] {granted, Budget.remaining(cx)});
                    }
                    while (Budget.proceed(cx)) {
                        granted++;
                    }
                    if (!Budget.isExhausted(cx)) {
                        throw new AssertionError("proceed failed but the budget is not exhausted");
                    }
                    return Poll.pending(); // nobody else wakes us
                }
            });

            assertThat(f.join(h)).containsExactly(Budget.PER_POLL, Budget.PER_POLL);
        }
    }

    /**
     * A future that is always ready (it calls {@code Budget.proceed} each step and loops) gives the
     * worker back after {@link Budget#PER_POLL} steps, so a task queued behind it runs: on a single
     * worker, and on a current-thread runtime.
     */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "CURRENT_THREAD"})
    void anAlwaysReadyFutureCannotStarveAnotherTask(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            AtomicBoolean otherRan = new AtomicBoolean();
            AtomicInteger stepsWhenOtherRan = new AtomicInteger(-1);
            int giveUp = 10_000_000;
            JoinHandle<Integer> greedy = f.rt.spawn(new Future<Integer>() {
                int steps;
                int stepsInFirstPoll = -1;

                @Override
                public Poll<Integer> poll(Context cx) {
                    if (stepsInFirstPoll < 0) {
                        Task.spawn(cx2 -> {
                            stepsWhenOtherRan.set(steps);
                            otherRan.set(true);
                            return Poll.ready(null);
                        });
                        while (Budget.proceed(cx)) {
                            if (++steps == giveUp) {
                                return Poll.ready(-1); // starved the other task
                            }
                        }
                        stepsInFirstPoll = steps;
                        return Poll.pending();
                    }
                    while (!otherRan.get()) {
                        if (!Budget.proceed(cx)) {
                            return Poll.pending();
                        }
                        if (++steps == giveUp) {
                            return Poll.ready(-1);
                        }
                    }
                    return Poll.ready(stepsInFirstPoll);
                }
            });

            assertThat(f.join(greedy)).as("steps in the greedy task's first poll").isEqualTo(Budget.PER_POLL);
            assertThat(stepsWhenOtherRan.get()).isBetween(0, Budget.PER_POLL);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void pollingAJoinHandleSpendsBudget(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Integer> done = f.rt.spawn(cx -> Poll.ready(7));
            f.join(done);
            JoinHandle<Integer> h = f.rt.spawn(cx -> {
                int before = Budget.remaining(cx);
                done.poll(cx);
                return Poll.ready(before - Budget.remaining(cx));
            });

            assertThat(f.join(h)).isEqualTo(1);
        }
    }
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spendChargesExactlyWhatOneProceedPerStepWouldAndRefusesMoreThanIsLeft(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<List<Object>> h = f.rt.spawn(cx -> {
                List<Object> r = new ArrayList<>();
                Budget.spend(cx, 0);
                r.add(Budget.remaining(cx));
                Budget.spend(cx, 100);
                r.add(Budget.remaining(cx));
                try {
                    Budget.spend(cx, Budget.PER_POLL - 99);
                } catch (IllegalArgumentException e) {
                    r.add(e.getMessage());
                }
                try {
                    Budget.spend(cx, -1);
                } catch (IllegalArgumentException e) {
                    r.add(e.getMessage());
                }
                Budget.spend(cx, Budget.PER_POLL - 100);
                r.add(Budget.isExhausted(cx));
                return Poll.ready(r);
            });

            assertThat(f.join(h)).containsExactly(Budget.PER_POLL, Budget.PER_POLL - 100,
                    "cannot spend 29 budget units: 28 are left", "cannot spend -1 budget units: 28 are left", true);
        }
    }

    @Test
    void spendOutsideATaskChargesNothingButStillRefusesANegativeCount() {
        Context cx = new Context(Waker.noop());
        Budget.spend(cx, Integer.MAX_VALUE);
        assertThat(Budget.remaining(cx)).isEqualTo(Integer.MAX_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Budget.spend(cx, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot spend -3 budget units");
    }
}
