package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtime calls {@code close()} of a task's future exactly once when it lets go of it, however
 * the task ends, and before anyone can see how it ended.
 */
class CloseExactlyOnceTest {

    /** The task's handle, and whether it was already finished while close() ran. */
    private static final class Observed<T> {
        final Signal go = new Signal();
        final AtomicReference<JoinHandle<T>> handle = new AtomicReference<>();
        final AtomicReference<Boolean> finishedDuringClose = new AtomicReference<>();
        final Probe<T> probe;

        Observed(java.util.function.Function<Context, Poll<T>> afterGo) {
            probe = Probe.<T>of(cx -> go.poll(cx).isReady() ? afterGo.apply(cx) : Poll.pending())
                    .onClose(() -> finishedDuringClose.set(handle.get().isFinished()));
        }

        JoinHandle<T> spawnAndGo(Runtime rt) {
            handle.set(rt.spawn(probe));
            go.fire(); // only now may the task end: close() can see the handle
            return handle.get();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void afterCompletingAndBeforeTheJoinerSeesTheValue(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Observed<String> o = new Observed<>(cx -> Poll.ready("v"));

            assertThat(f.join(o.spawnAndGo(f.rt))).isEqualTo("v");
            assertThat(o.probe.closes()).isEqualTo(1);
            assertThat(o.finishedDuringClose).as("handle finished while close() ran").hasValue(false);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void afterThrowingAndBeforeTheJoinerSeesTheFailure(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Observed<String> o = new Observed<>(cx -> {
                throw new IllegalStateException("boom");
            });

            assertThat(f.joinError(o.spawnAndGo(f.rt)).isPanic()).isTrue();
            assertThat(o.probe.closes()).isEqualTo(1);
            assertThat(o.finishedDuringClose).as("handle finished while close() ran").hasValue(false);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void whenCancelledAndBeforeTheJoinerSeesTheCancellation(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Probe<String> p = Probe.pendingForever();
            AtomicReference<JoinHandle<String>> handle = new AtomicReference<>();
            AtomicReference<Boolean> finishedDuringClose = new AtomicReference<>();
            p.onClose(() -> finishedDuringClose.set(handle.get().isFinished()));
            handle.set(f.rt.spawn(p));
            Await.await(p.firstPoll(), "first poll");

            handle.get().abort();

            assertThat(f.joinError(handle.get()).isCancelled()).isTrue();
            assertThat(p.closes()).isEqualTo(1);
            assertThat(finishedDuringClose).hasValue(false);
        }
    }

    /** A task awaiting the handle sees the close() already done when it gets the value. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void beforeAJoiningTaskSeesTheResult(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Signal go = new Signal();
            Probe<String> child = Probe.readyAfter(go, "v");
            JoinHandle<String> ch = f.rt.spawn(child);
            JoinHandle<Integer> joiner = f.rt.spawn(cx -> ch.poll(cx).map(v -> child.closes()));

            go.fire();

            assertThat(f.join(joiner)).as("closes seen by the joining task").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void atShutdownWhileIdle(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<Probe<Integer>> probes = new ArrayList<>();
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Probe<Integer> p = Probe.pendingForever();
                probes.add(p);
                handles.add(f.rt.spawn(p));
            }
            for (Probe<Integer> p : probes) {
                Await.await(p.firstPoll(), "first poll");
            }

            f.rt.close();

            for (int i = 0; i < probes.size(); i++) {
                assertThat(probes.get(i).closes()).isEqualTo(1);
                assertThat(handles.get(i).isFinished()).isTrue();
                assertThat(f.joinError(handles.get(i)).isCancelled()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void atShutdownWhileQueued(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            RuntimeFixture.Occupation busy = f.occupyAllWorkers();
            Probe<Integer> queued = Probe.pendingForever();
            JoinHandle<Integer> h = f.rt.spawn(queued);

            assertThat(f.rt.shutdownTimeout(Duration.ofMillis(10))).as("shut down with every worker held").isFalse();
            busy.release();
            f.rt.close();

            assertThat(queued.closes()).isEqualTo(1);
            assertThat(f.joinError(h).isCancelled()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void atShutdownWhileRunning(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            CountDownLatch release = new CountDownLatch(1);
            Probe<Integer> running = Probe.of(cx -> {
                Await.awaitQuietly(release);
                return Poll.pending();
            });
            JoinHandle<Integer> h = f.rt.spawn(running);
            Await.await(running.firstPoll(), "the poll to start");

            assertThat(f.rt.shutdownTimeout(Duration.ofMillis(10))).as("shut down during a poll").isFalse();
            assertThat(running.closes()).as("closed during its poll").isZero();
            release.countDown();
            f.rt.close();

            assertThat(running.polls()).isEqualTo(1);
            assertThat(running.closes()).isEqualTo(1);
            assertThat(f.joinError(h).isCancelled()).isTrue();
        }
    }

    /** Many tasks ending every possible way, at once: each future is closed exactly once. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void manyTasksEndingInEveryWayAreEachClosedOnce(Flavour flavour) {
        List<Probe<Integer>> probes = new ArrayList<>();
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<JoinHandle<Integer>> toJoin = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int kind = i % 5;
                Probe<Integer> p = switch (kind) {
                    case 0 -> Probe.ready(i);
                    case 1 -> Probe.of(cx -> {
                        throw new RuntimeException("boom");
                    });
                    case 2 -> Probe.of(new YieldThenReady());
                    default -> Probe.pendingForever(); // 3: aborted; 4: left for shutdown
                };
                probes.add(p);
                JoinHandle<Integer> h = f.rt.spawn(p);
                if (kind == 3) {
                    h.abort();
                }
                if (kind < 4) {
                    toJoin.add(h);
                }
            }
            for (JoinHandle<Integer> h : toJoin) {
                try {
                    f.join(h);
                } catch (JoinError expected) {
                    // panics and cancellations
                }
            }
        }
        for (int i = 0; i < probes.size(); i++) {
            assertThat(probes.get(i).closes()).as("closes of task %d", i).isEqualTo(1);
        }
    }

    private static final class YieldThenReady implements java.util.function.Function<Context, Poll<Integer>> {
        private final Future<Void> yield = Task.yieldNow();

        @Override
        public Poll<Integer> apply(Context cx) {
            return yield.poll(cx).map(v -> 1);
        }
    }

    /** A failing close() is reported; the worker and the task's outcome are untouched. */
    @Test
    void aThrowingCloseIsReportedAndChangesNothingElse() throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(Flavour.MULTI_THREAD_1); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException closeFailure = new RuntimeException("close failed");
            Thread worker = f.join(f.rt.spawn(cx -> Poll.ready(Thread.currentThread())));
            JoinHandle<String> ok = f.rt.spawn(Probe.<String>ready("v").onClose(() -> {
                throw closeFailure;
            }));
            RuntimeException boom = new RuntimeException("boom");
            JoinHandle<String> failed = f.rt.spawn(Probe.<String>of(cx -> {
                throw boom;
            }).onClose(() -> {
                throw closeFailure;
            }));

            assertThat(f.join(ok)).isEqualTo("v");
            assertThat(f.joinError(failed).getCause()).isSameAs(boom);
            RuntimeLog.Entry e = log.await(x -> x.thrown() == closeFailure && x.mentions("task " + ok.id()), 0);
            assertThat(e).as("report of the close() failure of task %d", ok.id()).isNotNull();
            assertThat(e.level()).isEqualTo("WARNING");
            assertThat(e.message()).contains("close()");
            assertThat(log.await(x -> x.thrown() == closeFailure && x.mentions("task " + failed.id()), 0)).isNotNull();
            Thread after = f.join(f.rt.spawn(cx -> Poll.ready(Thread.currentThread())));
            assertThat(after).as("the worker that ran the close() calls").isSameAs(worker);
        }
    }
}
