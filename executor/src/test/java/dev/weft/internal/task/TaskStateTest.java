package dev.weft.internal.task;

import static dev.weft.internal.task.TaskState.CANCELLED;
import static dev.weft.internal.task.TaskState.COMPLETE;
import static dev.weft.internal.task.TaskState.JOIN_INTEREST;
import static dev.weft.internal.task.TaskState.JOIN_WAKER;
import static dev.weft.internal.task.TaskState.NOTIFIED;
import static dev.weft.internal.task.TaskState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.task.TaskState.IdleOutcome;
import dev.weft.internal.task.TaskState.RunOutcome;
import dev.weft.internal.task.TaskState.WakeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    /** A task that has been polled once and now waits for a wake. */
    private static TaskState idle() {
        TaskState s = new TaskState();
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(s.transitionToIdle()).isEqualTo(IdleOutcome.OK);
        return s;
    }

    private static TaskState running() {
        TaskState s = new TaskState();
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.SUCCESS);
        return s;
    }

    @Test
    void aNewTaskIsQueuedAndJoinable() {
        TaskState s = new TaskState();

        assertThat(s.snapshot()).isEqualTo(NOTIFIED | JOIN_INTEREST);
        assertThat(TaskState.describe(s.snapshot())).isEqualTo("NOTIFIED|JOIN_INTEREST");
        assertThat(s.isComplete()).isFalse();
        assertThat(s.hasJoinWaker()).isFalse();
        assertThat(s.isCancelRequested()).isFalse();
    }

    @Test
    void describeNamesEveryFlag() {
        assertThat(TaskState.describe(0)).isEqualTo("IDLE");
        assertThat(TaskState.describe(RUNNING | COMPLETE | NOTIFIED | JOIN_INTEREST | JOIN_WAKER | CANCELLED))
                .isEqualTo("RUNNING|COMPLETE|NOTIFIED|JOIN_INTEREST|JOIN_WAKER|CANCELLED");
    }

    @Test
    void runningClearsNotifiedAndOnlyOneThreadMayRun() {
        TaskState s = new TaskState();

        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(s.snapshot() & (RUNNING | NOTIFIED)).isEqualTo(RUNNING);
        assertThat(s.transitionToRunning()).as("second claim").isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void anIdleTaskCannotBeRunWithoutAWake() {
        assertThat(idle().transitionToRunning()).isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void aWakeOfAnIdleTaskAsksForItToBeQueuedOnce() {
        TaskState s = idle();

        assertThat(s.transitionToNotified()).isEqualTo(WakeOutcome.SUBMIT);
        assertThat(s.transitionToNotified()).as("already queued").isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void aWakeDuringThePollMakesThePollerQueueTheTaskAgain() {
        TaskState s = running();

        assertThat(s.transitionToNotified()).isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(s.transitionToIdle()).isEqualTo(IdleOutcome.OK_NOTIFIED);
        assertThat(s.transitionToRunning()).as("the re-queued task can run").isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void aWakeOfACompletedTaskDoesNothing() {
        TaskState s = running();
        s.transitionToComplete();

        assertThat(s.transitionToNotified()).isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void abortingAnIdleTaskQueuesItToBeCancelled() {
        TaskState s = idle();

        assertThat(s.transitionToCancelled()).isEqualTo(WakeOutcome.SUBMIT);
        assertThat(s.isCancelRequested()).isTrue();
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void abortingAQueuedTaskCancelsItWhenDequeued() {
        TaskState s = new TaskState();

        assertThat(s.transitionToCancelled()).isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(s.transitionToRunning()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void abortingARunningTaskCancelsItWhenThePollReturnsPending() {
        TaskState s = running();

        assertThat(s.transitionToCancelled()).isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(s.transitionToIdle()).isEqualTo(IdleOutcome.CANCELLED);
        assertThat(s.snapshot() & RUNNING).as("the poller still owns it, to cancel it").isEqualTo(RUNNING);
    }

    @Test
    void abortingTwiceOrAfterCompletionDoesNothing() {
        TaskState s = idle();
        assertThat(s.transitionToCancelled()).isEqualTo(WakeOutcome.SUBMIT);
        assertThat(s.transitionToCancelled()).isEqualTo(WakeOutcome.DO_NOTHING);

        TaskState done = running();
        done.transitionToComplete();
        assertThat(done.transitionToCancelled()).isEqualTo(WakeOutcome.DO_NOTHING);
        assertThat(done.isCancelRequested()).isFalse();
    }

    @Test
    void shutdownClaimsAnIdleOrQueuedTaskOnce() {
        TaskState idle = idle();
        TaskState queued = new TaskState();

        assertThat(idle.transitionToShutdown()).isTrue();
        assertThat(queued.transitionToShutdown()).isTrue();
        assertThat(idle.snapshot() & (RUNNING | CANCELLED)).isEqualTo(RUNNING | CANCELLED);
        assertThat(idle.transitionToShutdown()).as("already claimed").isFalse();
        assertThat(queued.transitionToRunning()).as("its queue entry is stale").isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void shutdownOfARunningTaskLeavesItToThePoller() {
        TaskState s = running();

        assertThat(s.transitionToShutdown()).isFalse();
        assertThat(s.transitionToIdle()).isEqualTo(IdleOutcome.CANCELLED);
    }

    @Test
    void shutdownOfACompletedTaskDoesNothing() {
        TaskState s = running();
        s.transitionToComplete();

        assertThat(s.transitionToShutdown()).isFalse();
        assertThat(s.isCancelRequested()).isFalse();
    }

    @Test
    void completionIsTerminalAndReportsThePreviousState() {
        TaskState s = running();
        s.transitionToNotified();

        int prev = s.transitionToComplete();

        assertThat(prev & (RUNNING | NOTIFIED | JOIN_INTEREST)).isEqualTo(RUNNING | NOTIFIED | JOIN_INTEREST);
        assertThat(s.isComplete()).isTrue();
        assertThat(s.snapshot() & (RUNNING | NOTIFIED)).isZero();
    }

    @Test
    void theJoinWakerCanBeSetAndTakenBackUntilCompletion() {
        TaskState s = new TaskState();

        assertThat(s.trySetJoinWaker()).isTrue();
        assertThat(s.hasJoinWaker()).isTrue();
        assertThat(s.tryUnsetJoinWaker()).isTrue();
        assertThat(s.hasJoinWaker()).isFalse();
        assertThat(s.trySetJoinWaker()).isTrue();

        s.transitionToRunning();
        int prev = s.transitionToComplete();

        assertThat(TaskState.hasJoinWaker(prev)).isTrue();
        assertThat(s.tryUnsetJoinWaker()).as("after completion").isFalse();
    }

    @Test
    void settingAJoinWakerFailsOnceComplete() {
        TaskState s = running();
        s.transitionToComplete();

        assertThat(s.trySetJoinWaker()).isFalse();
    }

    @Test
    void joinInterestCanBeDroppedOnlyBeforeCompletion() {
        TaskState before = new TaskState();
        assertThat(before.tryUnsetJoinInterest()).isTrue();
        assertThat(TaskState.hasJoinInterest(before.snapshot())).isFalse();

        TaskState after = running();
        after.transitionToComplete();
        assertThat(after.tryUnsetJoinInterest()).isFalse();
        assertThat(TaskState.hasJoinInterest(after.snapshot())).isTrue();
    }

    /** However many threads wake (or abort) an idle task at once, exactly one is told to queue it. */
    @Test
    void concurrentWakesAndAbortsQueueAnIdleTaskExactlyOnce() throws Exception {
        int threads = 4;
        int rounds = 5000;
        AtomicReference<TaskState> task = new AtomicReference<>();
        AtomicInteger submits = new AtomicInteger();
        AtomicInteger round = new AtomicInteger(-1);
        List<String> bad = new CopyOnWriteArrayList<>();
        // between rounds: check the round just played, then set up the next idle task
        CyclicBarrier barrier = new CyclicBarrier(threads, () -> {
            if (round.get() >= 0 && submits.get() != 1) {
                bad.add("round " + round.get() + ": " + submits.get() + " submits");
            }
            submits.set(0);
            task.set(idle());
            round.incrementAndGet();
        });
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            boolean aborter = i == 0;
            Thread t = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        barrier.await();
                        TaskState s = task.get();
                        WakeOutcome o = aborter && r % 2 == 0 ? s.transitionToCancelled() : s.transitionToNotified();
                        if (o == WakeOutcome.SUBMIT) {
                            submits.incrementAndGet();
                        }
                    }
                    barrier.await();
                } catch (Exception e) {
                    bad.add(e.toString());
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join(30_000);
            assertThat(t.isAlive()).isFalse();
        }

        assertThat(bad).isEmpty();
        assertThat(round).hasValue(rounds);
    }
}
