package dev.weft.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinError;
import dev.weft.Poll;
import dev.weft.Waker;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The task harness driven by hand, with a scheduler stand-in that records what the task asks. */
class RawTaskTest {

    private final RecordingSchedule schedule = new RecordingSchedule();
    private final Context workerCx = new Context(Waker.noop()); // the harness re-targets it per poll
    private final Context joinerCx = new Context(Waker.noop());

    /** A future that counts polls and closes. */
    private static final class Counted<T> implements Future<T>, AutoCloseable {
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final Function<Context, Poll<T>> body;

        Counted(Function<Context, Poll<T>> body) {
            this.body = body;
        }

        @Override
        public Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            return body.apply(cx);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void aReadyPollCompletesTheTaskClosesTheFutureAndStoresTheValue() {
        Counted<String> f = new Counted<>(cx -> Poll.ready("v"));
        RawTask<String> t = new RawTask<>(f, schedule);

        t.run(workerCx);

        assertThat(t.isFinished()).isTrue();
        assertThat(t.poll(joinerCx).value()).isEqualTo("v");
        assertThat(f.closes).hasValue(1);
        assertThat(schedule.tracked).isEmpty();
    }

    @Test
    void theTaskIsItsOwnWakerDuringThePoll() {
        RawTask<Waker> t = new RawTask<>(cx -> Poll.ready(cx.waker()), schedule);

        t.run(workerCx);

        assertThat(t.poll(joinerCx).value()).isSameAs(t);
        assertThat(workerCx.waker()).as("the worker's context forgets the task").isSameAs(Waker.noop());
    }

    @Test
    void aPendingPollTracksTheTaskAndAWakeSchedulesItOnce() {
        Counted<String> f = new Counted<>(cx -> Poll.pending());
        RawTask<String> t = new RawTask<>(f, schedule);

        t.run(workerCx);
        t.wake();
        t.wake();

        assertThat(schedule.tracked).containsExactly(t);
        assertThat(schedule.scheduled).containsExactly(t);
        assertThat(t.isFinished()).isFalse();
    }

    @Test
    void aTaskThatWakesItselfDuringItsPollIsYieldedNotScheduled() {
        RawTask<String> t = new RawTask<>(cx -> {
            cx.waker().wake();
            return Poll.pending();
        }, schedule);

        t.run(workerCx);

        assertThat(schedule.yielded).containsExactly(t);
        assertThat(schedule.scheduled).isEmpty();
        assertThat(schedule.tracked).as("a notified task never waits, so it is not tracked").isEmpty();
    }

    @Test
    void aTaskThatCompletesAfterWaitingIsUntracked() {
        AtomicInteger polls = new AtomicInteger();
        RawTask<Integer> t = new RawTask<>(cx -> polls.incrementAndGet() == 2 ? Poll.ready(2) : Poll.pending(),
                schedule);

        t.run(workerCx);
        t.wake();
        t.run(workerCx);

        assertThat(schedule.untracked).containsExactly(t);
        assertThat(schedule.owned.size()).isZero();
    }

    @Test
    void whenTheSchedulerRefusesToTrackTheTaskIsCancelled() {
        schedule.owned.closeAndDrain(x -> { });
        Counted<String> f = new Counted<>(cx -> Poll.pending());
        RawTask<String> t = new RawTask<>(f, schedule);

        t.run(workerCx);

        assertThat(t.isFinished()).isTrue();
        assertThat(f.closes).hasValue(1);
        assertThatThrownBy(() -> t.poll(joinerCx)).isInstanceOfSatisfying(JoinError.class,
                e -> assertThat(e.isCancelled()).isTrue());
    }

    @Test
    void aCheckedExceptionCarriedOutOfThePollIsTheCause() {
        IOException io = new IOException("io");
        RawTask<String> t = new RawTask<>(cx -> {
            throw new CheckedFailure(io);
        }, schedule);

        t.run(workerCx);

        assertThatThrownBy(() -> t.poll(joinerCx)).isInstanceOfSatisfying(JoinError.class, e -> {
            assertThat(e.isPanic()).isTrue();
            assertThat(e.getCause()).isSameAs(io);
        });
    }

    @Test
    void abortingAnIdleTaskSchedulesItAndItsNextRunCancelsWithoutPolling() {
        Counted<String> f = new Counted<>(cx -> Poll.pending());
        RawTask<String> t = new RawTask<>(f, schedule);
        t.run(workerCx);

        t.abort();
        assertThat(schedule.scheduled).containsExactly(t);
        t.run(workerCx);

        assertThat(f.polls).hasValue(1);
        assertThat(f.closes).hasValue(1);
        assertThat(t.isFinished()).isTrue();
        assertThat(schedule.owned.size()).isZero();
    }

    @Test
    void abortingAQueuedTaskNeedsNoSchedulingAndItsRunCancels() {
        Counted<String> f = new Counted<>(cx -> Poll.ready("never"));
        RawTask<String> t = new RawTask<>(f, schedule);

        t.abort();
        t.run(workerCx);

        assertThat(schedule.scheduled).isEmpty();
        assertThat(f.polls).hasValue(0);
        assertThat(f.closes).hasValue(1);
    }

    @Test
    void shutdownCancelsAnIdleTaskAtOnceAndARunningOneAfterItsPoll() {
        Counted<String> idleF = new Counted<>(cx -> Poll.pending());
        RawTask<String> idle = new RawTask<>(idleF, schedule);
        idle.run(workerCx);

        idle.shutdown();
        idle.shutdown();

        assertThat(idle.isFinished()).isTrue();
        assertThat(idleF.closes).hasValue(1);

        RawTask<?>[] self = new RawTask<?>[1];
        Counted<String> runningF = new Counted<>(cx -> {
            self[0].shutdown(); // arrives while the poll runs
            return Poll.pending();
        });
        RawTask<String> running = new RawTask<>(runningF, schedule);
        self[0] = running;
        running.run(workerCx);

        assertThat(running.isFinished()).isTrue();
        assertThat(runningF.closes).hasValue(1);
    }

    @Test
    void aJoinerIsWokenOnceWhenTheTaskCompletes() {
        AtomicInteger wakes = new AtomicInteger();
        Context joiner = new Context(wakes::incrementAndGet);
        AtomicInteger polls = new AtomicInteger();
        RawTask<Integer> t = new RawTask<>(cx -> polls.incrementAndGet() == 2 ? Poll.ready(9) : Poll.pending(),
                schedule);
        t.run(workerCx);

        assertThat(t.poll(joiner).isReady()).isFalse();
        assertThat(t.poll(joiner).isReady()).as("polled again with the same waker").isFalse();
        t.wake();
        t.run(workerCx);

        assertThat(wakes).hasValue(1);
        assertThat(t.poll(joiner).value()).isEqualTo(9);
    }

    @Test
    void onlyTheLatestJoinWakerIsWoken() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        RawTask<Integer> t = new RawTask<>(cx -> Poll.ready(1), schedule);

        assertThat(t.poll(new Context(first::incrementAndGet)).isReady()).isFalse();
        assertThat(t.poll(new Context(second::incrementAndGet)).isReady()).isFalse();
        t.run(workerCx);

        assertThat(first).hasValue(0);
        assertThat(second).hasValue(1);
    }

    @Test
    void aDetachedTaskDiscardsItsResult() {
        RawTask<String> t = new RawTask<>(cx -> Poll.ready("dropped"), schedule);

        t.detach();
        t.run(workerCx);

        assertThat(t.isFinished()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> t.poll(joinerCx)).withMessageContaining("detached");
    }

    @Test
    void wakingOrAbortingACompletedTaskDoesNothing() {
        Counted<String> f = new Counted<>(cx -> Poll.ready("v"));
        RawTask<String> t = new RawTask<>(f, schedule);
        t.run(workerCx);

        t.wake();
        t.abort();
        t.shutdown();
        t.run(workerCx); // a stale queue entry

        assertThat(schedule.scheduled).isEmpty();
        assertThat(f.polls).hasValue(1);
        assertThat(f.closes).hasValue(1);
        assertThat(t.poll(joinerCx).value()).isEqualTo("v");
    }

    @Test
    void idsAreAssignedOnceAndDiffer() {
        RawTask<String> a = new RawTask<>(cx -> Poll.pending(), schedule);
        RawTask<String> b = new RawTask<>(cx -> Poll.pending(), schedule);

        assertThat(a.id()).isEqualTo(a.id()).isNotEqualTo(b.id());
        assertThat(a.toString()).contains("id=" + a.id()).contains("NOTIFIED");
    }
}
