package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShutdownTest {

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closeCancelsUnfinishedTasksAndKeepsTheResultsOfFinishedOnes(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<String> done = f.rt.spawn(cx -> Poll.ready("done"));
            f.join(done);
            Probe<String> idle = Probe.pendingForever();
            JoinHandle<String> unfinished = f.rt.spawn(idle);
            Await.await(idle.firstPoll(), "first poll");

            f.rt.close();

            assertThat(f.rt.isShutdown()).isTrue();
            assertThat(f.join(done)).isEqualTo("done");
            assertThat(f.joinError(unfinished).isCancelled()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void afterShutdownNewWorkIsRejectedWithAClearMessage(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            assertThat(f.rt.isShutdown()).isFalse();
            f.rt.close();

            assertThatThrownBy(() -> f.rt.spawn(cx -> Poll.ready(1)))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
            assertThatThrownBy(() -> f.rt.handle().spawn(cx -> Poll.ready(1)))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
            assertThatThrownBy(() -> f.rt.execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
            assertThatThrownBy(() -> f.rt.spawnBlocking(() -> 1))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closeIsIdempotent(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            f.join(f.rt.spawn(cx -> Poll.ready(1)));

            f.rt.close();
            f.rt.close();

            assertThat(f.rt.shutdownTimeout(Duration.ofSeconds(Await.SECONDS))).isTrue();
            assertThat(f.rt.isShutdown()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shutdownTimeoutReturnsTrueWhenEverythingEndsInTime(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Integer> idle = Probe.pendingForever();
            JoinHandle<Integer> h = f.rt.spawn(idle);
            f.join(f.rt.spawnBlocking(() -> 1));
            Await.await(idle.firstPoll(), "first poll");

            assertThat(f.rt.shutdownTimeout(Duration.ofSeconds(Await.SECONDS))).isTrue();
            assertThat(f.joinError(h).isCancelled()).isTrue();
            assertThat(idle.closes()).isEqualTo(1);
        }
    }

    @Test
    void shutdownTimeoutRejectsANegativeOrNullTimeout() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> rt.shutdownTimeout(Duration.ofMillis(-1)))
                    .withMessageContaining("timeout").withMessageContaining("PT-0.001S");
            assertThatNullPointerException().isThrownBy(() -> rt.shutdownTimeout(null));
            assertThat(rt.isShutdown()).isFalse();
        }
    }

    /** A shutdown that timed out during a long poll is finished by close(), which waits for the poll. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closeAfterATimedOutShutdownWaitsForTheRunningPoll(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean pollEnded = new AtomicBoolean();
            Probe<Integer> running = Probe.of(cx -> {
                Await.awaitQuietly(release);
                pollEnded.set(true);
                return Poll.pending();
            });
            JoinHandle<Integer> h = f.rt.spawn(running);
            Await.await(running.firstPoll(), "the poll to start");

            assertThat(f.rt.shutdownTimeout(Duration.ofMillis(20))).isFalse();
            assertThat(f.rt.isShutdown()).isTrue();
            assertThatThrownBy(() -> f.rt.spawn(cx -> Poll.ready(1))).isInstanceOf(RejectedExecutionException.class);
            release.countDown();
            f.rt.close();

            assertThat(pollEnded).isTrue();
            assertThat(f.joinError(h).isCancelled()).isTrue();
        }
    }

    /** A blocking call still running at the deadline is interrupted, so its thread can end. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shutdownTimeoutInterruptsABlockedCallAndReturnsFalse(Flavour flavour) {
        CountDownLatch blockingStopped = new CountDownLatch(1);
        try (RuntimeFixture f = RuntimeFixture.start(flavour, b -> b.onThreadStop(() -> {
            if (Thread.currentThread().getName().contains("blocking")) {
                blockingStopped.countDown();
            }
        }))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            JoinHandle<Boolean> h = f.rt.spawnBlocking(() -> {
                started.countDown();
                return never.await(Await.SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            });
            Await.await(started, "the blocking call to start");

            assertThat(f.rt.shutdownTimeout(Duration.ofMillis(20))).isFalse();

            JoinError e = f.joinError(h);
            assertThat(e.isPanic()).isTrue();
            assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
            Await.await(blockingStopped, "the blocking thread to end");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closeFromInsideATaskThrowsIllegalStateExceptionAndTheRuntimeGoesOn(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Throwable> viaClose = f.rt.spawn(cx -> Poll.ready(thrownBy(f.rt::close)));
            JoinHandle<Throwable> viaTimeout = f.rt.spawn(
                    cx -> Poll.ready(thrownBy(() -> f.rt.shutdownTimeout(Duration.ofSeconds(1)))));

            assertThat(f.join(viaClose)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be closed from");
            assertThat(f.join(viaTimeout)).isInstanceOf(IllegalStateException.class);
            assertThat(f.rt.isShutdown()).isFalse();
            int after = f.join(f.rt.spawn(cx -> Poll.ready(1)));
            assertThat(after).isEqualTo(1);
        }
    }

    /** shutdownBackground() is the shutdown meant for inside a task, where waiting is impossible. */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "MULTI_THREAD_2", "MULTI_THREAD_4"})
    void shutdownBackgroundFromInsideATaskShutsTheRuntimeDown(Flavour flavour) {
        shutdownBackgroundFromInsideATask(flavour);
    }

    @Test
    void shutdownBackgroundFromInsideATaskShutsACurrentThreadRuntimeDown() {
        shutdownBackgroundFromInsideATask(Flavour.CURRENT_THREAD);
    }

    private static void shutdownBackgroundFromInsideATask(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Integer> idle = Probe.pendingForever();
            JoinHandle<Integer> h = f.rt.spawn(idle);
            Await.await(idle.firstPoll(), "first poll");

            Throwable thrown = f.join(f.rt.spawn(cx -> Poll.ready(thrownBy(f.rt::shutdownBackground))));
            f.rt.close();

            assertThat(thrown).as("shutdownBackground() inside a task").isNull();
            assertThat(f.rt.isShutdown()).isTrue();
            assertThat(f.joinError(h).isCancelled()).isTrue();
            assertThat(idle.closes()).isEqualTo(1);
            assertThatThrownBy(() -> f.rt.spawn(cx -> Poll.ready(1))).isInstanceOf(RejectedExecutionException.class);
        }
    }

    /** A thread waiting in blockOn on a task's handle is released with the cancellation. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aThreadJoiningAnUnfinishedTaskIsReleasedByShutdown(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Integer> h = f.rt.spawn(Probe.pendingForever());
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Thread joiner = new Thread(() -> seen.set(thrownBy(() -> f.rt.blockOn(h))));
            joiner.start();

            f.rt.close();

            Await.join(joiner);
            assertThat(seen.get()).isInstanceOfSatisfying(JoinError.class, e -> assertThat(e.isCancelled()).isTrue());
        }
    }

    /** Spawns racing with close(): each is either rejected, or its task ends (run or cancelled). */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spawnsRacingWithCloseAreRejectedOrEnd(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            ConcurrentLinkedQueue<JoinHandle<Integer>> accepted = new ConcurrentLinkedQueue<>();
            AtomicBoolean rejected = new AtomicBoolean();
            CountDownLatch spawning = new CountDownLatch(100);
            Thread spawner = new Thread(() -> {
                for (int i = 0; !rejected.get(); i++) {
                    int n = i;
                    try {
                        accepted.add(f.rt.spawn(n % 2 == 0 ? cx -> Poll.ready(n) : new YieldOnce(n)));
                        spawning.countDown();
                    } catch (RejectedExecutionException e) {
                        rejected.set(true);
                    }
                }
            });
            spawner.start();
            Await.await(spawning, "spawns before the close");

            f.rt.close();
            Await.join(spawner);

            for (JoinHandle<Integer> h : accepted) {
                assertThat(h.isFinished()).as("task %d finished", h.id()).isTrue();
            }
            assertThat(rejected).isTrue();
        }
    }

    /** Wakes from another thread racing with close(): every task still ends, closed exactly once. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void wakesRacingWithCloseLeaveNoTaskBehind(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<Signal> signals = new ArrayList<>();
            List<Probe<Integer>> probes = new ArrayList<>();
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Signal s = new Signal();
                Probe<Integer> p = Probe.of(cx -> {
                    s.poll(cx); // re-registers the waker; never ready
                    return Poll.pending();
                });
                signals.add(s);
                probes.add(p);
                handles.add(f.rt.spawn(p));
            }
            for (Probe<Integer> p : probes) {
                Await.await(p.firstPoll(), "first polls");
            }
            AtomicBoolean closed = new AtomicBoolean();
            CountDownLatch waking = new CountDownLatch(1);
            Thread waker = new Thread(() -> {
                for (int round = 0; !closed.get() || round < 3; round++) {
                    signals.forEach(Signal::wakeOnly);
                    waking.countDown();
                }
            });
            waker.start();
            Await.await(waking, "the waker to start");

            f.rt.close();
            closed.set(true);
            Await.join(waker);

            for (int i = 0; i < handles.size(); i++) {
                assertThat(handles.get(i).isFinished()).as("task %d finished", i).isTrue();
                assertThat(probes.get(i).closes()).as("closes of task %d", i).isEqualTo(1);
            }
        }
    }

    private static final class YieldOnce implements Future<Integer> {
        private final Future<Void> y = Task.yieldNow();
        private final int n;

        YieldOnce(int n) {
            this.n = n;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            return y.poll(cx).map(v -> n);
        }
    }

    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
