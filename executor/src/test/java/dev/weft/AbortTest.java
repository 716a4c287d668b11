package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AbortTest {

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aQueuedTaskIsCancelledWithoutEverBeingPolled(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            RuntimeFixture.Occupation busy = f.occupyAllWorkers();
            Probe<Integer> queued = Probe.ready(1);
            JoinHandle<Integer> h = f.rt.spawn(queued);

            h.abort();
            busy.releaseAndJoin();
            JoinError e = f.joinError(h);

            assertThat(e.isCancelled()).isTrue();
            assertThat(e.isPanic()).isFalse();
            assertThat(e.taskId()).isEqualTo(h.id());
            assertThat(e.getMessage()).contains("task " + h.id()).contains("cancelled");
            assertThat(queued.polls()).isZero();
            assertThat(queued.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void anIdleTaskIsCancelledBeforeItsNextPoll(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal wake = new Signal();
            Probe<Integer> idle = Probe.readyAfter(wake, 1);
            JoinHandle<Integer> h = f.rt.spawn(idle);
            Await.await(idle.firstPending(), "first poll to return Pending");
            f.join(f.rt.spawn(cx -> Poll.ready(null))); // with one worker: the first poll has ended

            h.abort();
            wake.fire(); // a wake after the abort must not bring another poll
            JoinError e = f.joinError(h);

            assertThat(e.isCancelled()).isTrue();
            assertThat(idle.polls()).isEqualTo(1);
            assertThat(idle.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aRunningTaskIsCancelledWhenItsPollReturnsPending(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            CountDownLatch release = new CountDownLatch(1);
            Probe<Integer> running = Probe.of(cx -> {
                Await.awaitQuietly(release);
                return Poll.pending();
            });
            JoinHandle<Integer> h = f.rt.spawn(running);
            Await.await(running.firstPoll(), "the poll to start");

            h.abort();
            assertThat(h.isFinished()).as("finished while its poll still runs").isFalse();
            assertThat(running.closes()).as("closed while its poll still runs").isZero();
            release.countDown();
            JoinError e = f.joinError(h);

            assertThat(e.isCancelled()).isTrue();
            assertThat(running.polls()).isEqualTo(1);
            assertThat(running.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aRunningTaskWhosePollCompletesKeepsItsValue(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            CountDownLatch release = new CountDownLatch(1);
            Probe<String> running = Probe.of(cx -> {
                Await.awaitQuietly(release);
                return Poll.ready("value");
            });
            JoinHandle<String> h = f.rt.spawn(running);
            Await.await(running.firstPoll(), "the poll to start");

            h.abort();
            release.countDown();

            assertThat(f.join(h)).isEqualTo("value");
            assertThat(running.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void abortAfterCompletionChangesNothing(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Integer> p = Probe.ready(5);
            JoinHandle<Integer> h = f.rt.spawn(p);
            assertThat(f.join(h)).isEqualTo(5);

            h.abort();

            assertThat(h.isFinished()).isTrue();
            assertThat(f.join(h)).isEqualTo(5);
            assertThat(p.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void abortAfterAFailureKeepsThePanic(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            RuntimeException boom = new RuntimeException("boom");
            JoinHandle<Integer> h = f.rt.spawn(cx -> {
                throw boom;
            });
            f.joinError(h);

            h.abort();
            JoinError e = f.joinError(h);

            assertThat(e.isPanic()).isTrue();
            assertThat(e.getCause()).isSameAs(boom);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void abortingTwiceCancelsOnce(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Integer> p = Probe.pendingForever();
            JoinHandle<Integer> h = f.rt.spawn(p);
            Await.await(p.firstPoll(), "first poll");

            h.abort();
            h.abort();

            assertThat(f.joinError(h).isCancelled()).isTrue();
            h.abort();
            assertThat(f.joinError(h).isCancelled()).isTrue();
            assertThat(p.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskCanAbortAnotherAndItsJoinerSeesTheCancellation(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<Integer> victim = Probe.pendingForever();
            JoinHandle<Integer> vh = f.rt.spawn(victim);
            JoinHandle<Boolean> watcher = f.rt.spawn(cx -> {
                try {
                    vh.poll(cx);
                    return Poll.pending();
                } catch (JoinError e) {
                    return Poll.ready(e.isCancelled());
                }
            });
            Await.await(victim.firstPoll(), "the victim's first poll");

            f.join(f.rt.spawn(cx -> {
                vh.abort();
                return Poll.ready(null);
            }));

            assertThat(f.join(watcher)).as("the watching task saw a cancellation").isTrue();
            assertThat(victim.closes()).isEqualTo(1);
        }
    }
}
