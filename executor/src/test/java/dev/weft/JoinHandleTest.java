package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JoinHandleTest {

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void joiningGivesTheTasksValue(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<String> h = f.rt.spawn(cx -> Poll.ready("v"));
            JoinHandle<Object> none = f.rt.spawn(cx -> Poll.ready(null));

            assertThat(f.join(h)).isEqualTo("v");
            assertThat(f.join(none)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskThatThrowsGivesAPanicWithTheOriginalException(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            IllegalStateException boom = new IllegalStateException("boom");
            JoinHandle<Integer> h = f.rt.spawn(cx -> {
                throw boom;
            });

            JoinError e = f.joinError(h);

            assertThat(e.isPanic()).isTrue();
            assertThat(e.isCancelled()).isFalse();
            assertThat(e.getCause()).isSameAs(boom);
            assertThat(e.taskId()).isEqualTo(h.id());
            assertThat(e.getMessage()).contains("task " + h.id()).contains("failed").contains("boom");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void anErrorThrownByATaskIsAPanicToo(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            AssertionError error = new AssertionError("an Error, not an Exception");
            JoinHandle<Integer> h = f.rt.spawn(cx -> {
                throw error;
            });

            JoinError e = f.joinError(h);

            assertThat(e.isPanic()).isTrue();
            assertThat(e.getCause()).isSameAs(error);
        }
    }

    /** On a single worker, the worker that ran the failing tasks is the one that runs the next task. */
    @Test
    void failingTasksDoNotKillTheWorker() {
        try (RuntimeFixture f = RuntimeFixture.start(Flavour.MULTI_THREAD_1)) {
            Thread before = f.join(f.rt.spawn(cx -> Poll.ready(Thread.currentThread())));
            for (int i = 0; i < 100; i++) {
                boolean error = i % 2 == 1;
                JoinHandle<Object> h = f.rt.spawn(cx -> {
                    if (error) {
                        throw new StackOverflowError("deep");
                    }
                    throw new RuntimeException("boom");
                });
                assertThat(f.joinError(h).isPanic()).isTrue();
            }

            Thread after = f.join(f.rt.spawn(cx -> Poll.ready(Thread.currentThread())));

            assertThat(after).isSameAs(before);
            assertThat(after.isAlive()).isTrue();
        }
    }

    @Test
    void repeatedPollsOfAFinishedHandleGiveTheSameValue() {
        try (RuntimeFixture f = RuntimeFixture.start(Flavour.MULTI_THREAD_2)) {
            Object value = new Object();
            JoinHandle<Object> h = f.rt.spawn(cx -> Poll.ready(value));
            f.join(h);
            Context cx = new Context(Waker.noop());

            for (int i = 0; i < 3; i++) {
                assertThat(h.poll(cx).value()).isSameAs(value);
            }
            assertThat(f.join(h)).isSameAs(value);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void repeatedPollsOfAFailedHandleThrowTheSameError(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Object> h = f.rt.spawn(cx -> {
                throw new RuntimeException("boom");
            });
            JoinError first = f.joinError(h);
            Context cx = new Context(Waker.noop());

            assertThatThrownBy(() -> h.poll(cx)).isSameAs(first);
            assertThatThrownBy(() -> h.poll(cx)).isSameAs(first);
            assertThat(f.joinError(h)).isSameAs(first);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void isFinishedOnlyOnceTheTaskHasCompleted(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal go = new Signal();
            Probe<String> p = Probe.readyAfter(go, "done");
            JoinHandle<String> h = f.rt.spawn(p);
            Await.await(p.firstPoll(), "first poll");

            assertThat(h.isFinished()).isFalse();
            go.fire();
            assertThat(f.join(h)).isEqualTo("done");
            assertThat(h.isFinished()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void isFinishedAfterAFailureOrACancellation(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Object> failed = f.rt.spawn(cx -> {
                throw new RuntimeException("boom");
            });
            JoinHandle<Object> cancelled = f.rt.spawn(cx -> Poll.pending());
            cancelled.abort();
            f.joinError(failed);
            f.joinError(cancelled);

            assertThat(failed.isFinished()).isTrue();
            assertThat(cancelled.isFinished()).isTrue();
        }
    }

    /** A detached task's result is discarded: a poll of its handle is refused, not left waiting forever. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void joiningADetachedTaskFailsInsteadOfWaitingForever(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal go = new Signal();
            Probe<String> p = Probe.readyAfter(go, "discarded");
            JoinHandle<String> h = f.rt.spawn(p);
            h.detach();
            CountDownLatch refused = new CountDownLatch(1);
            CountDownLatch firstJoinPollDone = new CountDownLatch(1);
            JoinHandle<String> joiner = f.rt.spawn(cx -> {
                try {
                    Poll<String> r = h.poll(cx);
                    firstJoinPollDone.countDown(); // pending, with a waker registered
                    return r;
                } catch (IllegalStateException e) {
                    refused.countDown();
                    firstJoinPollDone.countDown();
                    return Poll.ready("refused: " + e.getMessage());
                }
            });
            Await.await(firstJoinPollDone, "the joining task's first poll");

            go.fire();

            Await.await(refused, "the join of the detached task to be refused");
            assertThat(f.join(joiner)).contains("detached");
        }
    }

    @Test
    void idsArePositiveAndUniqueAcrossRuntimes() {
        Set<Long> ids = new HashSet<>();
        int perRuntime = 500;
        for (Flavour flavour : Flavour.values()) {
            try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
                List<JoinHandle<Integer>> hs = new ArrayList<>();
                for (int i = 0; i < perRuntime; i++) {
                    hs.add(f.rt.spawn(cx -> Poll.ready(1)));
                }
                hs.add(f.rt.spawnBlocking(() -> 1));
                for (JoinHandle<Integer> h : hs) {
                    f.join(h);
                    assertThat(h.id()).isPositive().isEqualTo(h.id());
                    ids.add(h.id());
                }
            }
        }

        assertThat(ids).hasSize(Flavour.values().length * (perRuntime + 1));
    }

    /** A task that awaits another task's handle is woken when that task completes. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskJoiningAnotherIsWokenWhenItCompletes(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal go = new Signal();
            JoinHandle<String> child = f.rt.spawn(Probe.readyAfter(go, "child"));
            Probe<String> parent = Probe.of(cx -> child.poll(cx).map(v -> "parent of " + v));
            JoinHandle<String> ph = f.rt.spawn(parent);
            Await.await(parent.firstPoll(), "the parent's first poll");

            assertThat(ph.isFinished()).isFalse();
            go.fire();

            assertThat(f.join(ph)).isEqualTo("parent of child");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskJoiningAFailedTaskSeesItsJoinError(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            RuntimeException boom = new RuntimeException("boom");
            JoinHandle<String> child = f.rt.spawn(cx -> {
                throw boom;
            });
            JoinHandle<Throwable> parent = f.rt.spawn(cx -> {
                try {
                    child.poll(cx);
                    return Poll.pending(); // woken when the child completes
                } catch (JoinError e) {
                    return Poll.ready(e.getCause());
                }
            });

            assertThat(f.join(parent)).isSameAs(boom);
        }
    }
}
