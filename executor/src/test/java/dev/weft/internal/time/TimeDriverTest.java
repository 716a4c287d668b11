package dev.weft.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The driver on a paused {@link Clock}, driven by hand: registration, cancellation, re-targeting,
 * firing in batches, and the paused clock's own rules. No threads: each test moves the clock and
 * calls {@link TimeDriver#process()} itself.
 */
class TimeDriverTest {

    private static final long MS = 1_000_000L;

    private final Clock clock = new Clock(true);
    private final TimeDriver driver = new TimeDriver(clock);

    private static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    private long in(long ms) {
        return driver.deadlineTick(clock.nanoTime() + ms * MS);
    }

    private int advanceAndProcess(long nanos) {
        clock.advance(nanos);
        return driver.process();
    }

    @Test
    void aTimerFiresOnceAtItsTickAndWakesItsWaker() {
        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, in(5), w);
        assertThat(t.isRegistered()).isTrue();
        assertThat(driver.pendingTimers()).isEqualTo(1);
        assertThat(driver.processIfDue()).as("nothing due yet: no firing").isZero();
        assertThat(advanceAndProcess(4 * MS)).isZero();
        assertThat(w.wakes).hasValue(0);
        assertThat(advanceAndProcess(MS)).isEqualTo(1);
        assertThat(w.wakes).hasValue(1);
        assertThat(t.hasFired()).isTrue();
        assertThat(driver.pendingTimers()).isZero();
        assertThat(advanceAndProcess(100 * MS)).as("fires once").isZero();
        assertThat(w.wakes).hasValue(1);
    }

    @Test
    void deadlinesRoundUpSoNothingFiresEarly() {
        long start = driver.startNanos();
        assertThat(driver.deadlineTick(start)).isZero();
        assertThat(driver.deadlineTick(start - 5)).isZero();
        assertThat(driver.deadlineTick(start + 1)).as("1 ns is a whole tick").isEqualTo(1);
        assertThat(driver.deadlineTick(start + MS)).isEqualTo(1);
        assertThat(driver.deadlineTick(start + MS + 1)).isEqualTo(2);

        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, driver.deadlineTick(start + 1), w); // 1 ns after start
        assertThat(advanceAndProcess(MS - 1)).as("999,999 ns: still tick 0").isZero();
        assertThat(driver.nowTick()).isZero();
        assertThat(advanceAndProcess(1)).isEqualTo(1);
    }

    @Test
    void cancelUnlinksAtOnceAndTheTimerNeverWakes() {
        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, in(1000L * 3600), w);
        assertThat(driver.pendingTimers()).isEqualTo(1);
        assertThat(t.disarm(driver)).isTrue();
        assertThat(t.isLinked()).as("unlinked at once, not at its deadline").isFalse();
        assertThat(driver.pendingTimers()).isZero();
        assertThat(t.disarm(driver)).as("idempotent").isFalse();
        assertThat(advanceAndProcess(2000L * 3600 * MS)).isZero();
        assertThat(w.wakes).hasValue(0);
    }

    @Test
    void cancelAfterFireReportsFalse() {
        TimerHandle t = new TimerHandle();
        t.arm(driver, in(1), new CountingWaker());
        advanceAndProcess(MS);
        assertThat(t.disarm(driver)).isFalse();
        assertThat(driver.cancel(t)).isFalse();
        assertThat(driver.pendingTimers()).isZero();
    }

    @Test
    void moveLaterFiresOnlyAtTheNewDeadline() {
        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, in(10), w);
        t.moveTo(driver, in(30));
        assertThat(advanceAndProcess(10 * MS)).as("the old slot comes due: re-filed, not fired").isZero();
        assertThat(t.isRegistered()).isTrue();
        assertThat(driver.pendingTimers()).isEqualTo(1);
        assertThat(advanceAndProcess(19 * MS)).isZero();
        assertThat(advanceAndProcess(MS)).isEqualTo(1);
        assertThat(w.wakes).hasValue(1);
    }

    @Test
    void moveEarlierRefilesNow() {
        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, in(1000L * 60), w);
        t.moveTo(driver, in(3));
        assertThat(advanceAndProcess(2 * MS)).isZero();
        assertThat(advanceAndProcess(MS)).isEqualTo(1);
        assertThat(w.wakes).hasValue(1);
        assertThat(driver.pendingTimers()).isZero();
    }

    @Test
    void moveWhileNotRegisteredOnlyRecordsTheDeadline() {
        TimerHandle t = new TimerHandle();
        t.moveTo(driver, in(7));
        assertThat(driver.pendingTimers()).isZero();
        assertThat(t.deadlineTick).isEqualTo(in(7));
    }

    @Test
    void reArmingReplacesTheWakerWithoutRelinking() {
        TimerHandle t = new TimerHandle();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        t.arm(driver, in(5), first);
        t.arm(driver, in(5), second);
        assertThat(driver.pendingTimers()).isEqualTo(1);
        advanceAndProcess(5 * MS);
        assertThat(first.wakes).hasValue(0);
        assertThat(second.wakes).as("the latest poll's waker").hasValue(1);
    }

    @Test
    void aFiredTimerCanBeArmedAgain() {
        TimerHandle t = new TimerHandle();
        CountingWaker w = new CountingWaker();
        t.arm(driver, in(1), w);
        advanceAndProcess(MS);
        t.arm(driver, in(2), w);
        assertThat(t.isRegistered()).isTrue();
        assertThat(advanceAndProcess(MS)).isZero();
        assertThat(advanceAndProcess(MS)).isEqualTo(1);
        assertThat(w.wakes).hasValue(2);
    }

    @Test
    void manyDueTimersFireInBatchesAndEachWakesOnce() {
        int n = TimeDriver.BATCH * 3 + 5;
        List<CountingWaker> wakers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CountingWaker w = new CountingWaker();
            wakers.add(w);
            new TimerHandle().arm(driver, in(1 + i % 3), w);
        }
        assertThat(driver.pendingTimers()).isEqualTo(n);
        assertThat(advanceAndProcess(3 * MS)).isEqualTo(n);
        assertThat(wakers).allSatisfy(w -> assertThat(w.wakes).hasValue(1));
        assertThat(driver.pendingTimers()).isZero();
    }

    @Test
    void aThrowingWakerDoesNotStopTheOthers() {
        CountingWaker ok = new CountingWaker();
        new TimerHandle().arm(driver, in(1), () -> {
            throw new IllegalStateException("waker failure (expected by the test)");
        });
        new TimerHandle().arm(driver, in(1), ok);
        assertThat(advanceAndProcess(MS)).isEqualTo(2);
        assertThat(ok.wakes).hasValue(1);
    }

    @Test
    void registrationAfterShutdownFailsClearly() {
        TimerHandle t = new TimerHandle();
        driver.shutdown();
        assertThat(driver.isShutdown()).isTrue();
        assertThatThrownBy(() -> t.arm(driver, in(5), new CountingWaker()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
        assertThat(driver.pendingTimers()).isZero();
    }

    // ------------------------------------------------------------------ the clock

    @Test
    void aPausedClockMovesOnlyWhenAdvanced() {
        long t0 = clock.nanoTime();
        assertThat(clock.isPaused()).isTrue();
        assertThat(clock.nanoTime()).isEqualTo(t0);
        clock.advance(123);
        assertThat(clock.nanoTime()).isEqualTo(t0 + 123);
        assertThat(clock.advanceTo(t0 + 100)).as("never backwards").isFalse();
        assertThat(clock.advanceTo(t0 + 500)).isTrue();
        assertThat(clock.nanoTime()).isEqualTo(t0 + 500);
        clock.advance(Long.MAX_VALUE);
        assertThat(clock.nanoTime()).as("saturates").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void advanceRejectsNegativeAndARunningClock() {
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
        Clock running = new Clock(false);
        assertThatThrownBy(() -> running.advance(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paused");
        assertThat(running.advanceTo(Long.MAX_VALUE)).as("auto-advance is a no-op on a running clock").isFalse();
    }

    @Test
    void resumeContinuesFromTheFrozenReading() {
        clock.advance(1000L * 3600 * MS); // an hour ahead of the real clock
        long frozen = clock.nanoTime();
        clock.resume();
        assertThat(clock.isPaused()).isFalse();
        long after = clock.nanoTime();
        assertThat(after).as("no jump back to real time").isGreaterThanOrEqualTo(frozen);
        clock.pause();
        long again = clock.nanoTime();
        assertThat(again).isGreaterThanOrEqualTo(after);
        assertThat(clock.nanoTime()).isEqualTo(again);
    }
}
