package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task failure that nobody joins is reported through {@code System.getLogger("dev.weft.runtime")}:
 * at once for a detached task, after garbage collection for a dropped handle; never for a failure
 * that was joined, or for a cancellation.
 */
class UnjoinedFailureReportTest {

    private static RuntimeException boom() {
        return new RuntimeException("boom " + UUID.randomUUID());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aDetachedTaskThatFailsIsReportedAtOnce(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException boom = boom();
            Signal go = new Signal();
            JoinHandle<Object> h = f.rt.spawn(cx -> {
                if (!go.poll(cx).isReady()) {
                    return Poll.pending();
                }
                throw boom;
            });

            h.detach();
            go.fire();

            RuntimeLog.Entry e = log.await(x -> x.thrown() == boom, Await.SECONDS * 1000);
            assertThat(e).as("report of the detached failure").isNotNull();
            assertThat(e.level()).isEqualTo("WARNING");
            assertThat(e.message()).contains("unjoined").contains("task " + h.id() + " ");
        }
    }

    /** Detaching a task that has already failed reports the failure at once too. */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "CURRENT_THREAD"})
    void aTaskDetachedAfterItFailedIsReportedAtOnce(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException boom = boom();
            JoinHandle<Object> h = f.rt.spawn(cx -> {
                throw boom;
            });
            f.join(f.rt.spawn(cx -> Poll.ready(null))); // one worker, FIFO: the failed task has completed
            assertThat(h.isFinished()).isTrue();

            h.detach();

            assertThat(log.await(x -> x.thrown() == boom, Await.SECONDS * 1000)).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aRunnableGivenToExecuteThatThrowsIsReported(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException boom = boom();

            f.rt.execute(() -> {
                throw boom;
            });

            assertThat(log.await(x -> x.thrown() == boom, Await.SECONDS * 1000)).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_2", "CURRENT_THREAD"})
    void aFailureWhoseHandleIsDroppedIsReportedAfterGarbageCollection(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException boom = boom();
            spawnAndDrop(f.rt, boom);

            RuntimeLog.Entry e = log.awaitWithGc(x -> x.thrown() == boom);

            assertThat(e).as("report of the failure whose handle was collected").isNotNull();
            assertThat(e.level()).isEqualTo("WARNING");
            assertThat(e.message()).contains("unjoined");
        }
    }

    private static void spawnAndDrop(Runtime rt, RuntimeException boom) {
        rt.spawn(cx -> {
            throw boom;
        });
    }

    /**
     * A failure joined once is never reported, even after its handle is collected. The report of a
     * later, unjoined failure shows the reporter had its chance.
     */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_2", "CURRENT_THREAD"})
    void aJoinedFailureIsNeverReported(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException joined = boom();
            WeakReference<JoinHandle<Object>> handle = spawnAndJoinFailure(f, joined);
            for (int i = 0; i < 200 && handle.get() != null; i++) {
                System.gc();
                f.join(f.rt.spawn(cx -> Poll.ready(null)));
            }
            assertThat(handle.get()).as("the joined handle was collected").isNull();

            RuntimeException sentinel = boom();
            spawnAndDrop(f.rt, sentinel);
            assertThat(log.awaitWithGc(x -> x.thrown() == sentinel)).as("the sentinel's report").isNotNull();

            assertThat(log.entries()).noneMatch(x -> x.thrown() == joined);
        }
    }

    private static WeakReference<JoinHandle<Object>> spawnAndJoinFailure(RuntimeFixture f, RuntimeException boom) {
        JoinHandle<Object> h = f.rt.spawn(cx -> {
            throw boom;
        });
        assertThat(f.joinError(h).getCause()).isSameAs(boom);
        return new WeakReference<>(h);
    }

    /** A cancellation is not a failure: an aborted, detached task is not reported. */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "CURRENT_THREAD"})
    void aCancelledTaskIsNeverReported(Flavour flavour) throws Exception {
        try (RuntimeFixture f = RuntimeFixture.start(flavour); RuntimeLog log = RuntimeLog.capture()) {
            Probe<Object> victim = Probe.pendingForever();
            JoinHandle<Object> h = f.rt.spawn(victim);
            h.abort();
            h.detach();
            Await.await(victim.closed(), "the cancellation");
            RuntimeException sentinel = boom();
            JoinHandle<Object> s = f.rt.spawn(cx -> {
                throw sentinel;
            });
            s.detach();

            assertThat(log.await(x -> x.thrown() == sentinel, Await.SECONDS * 1000)).isNotNull();
            assertThat(log.entries()).noneMatch(x -> x.mentions("task " + h.id() + " "));
        }
    }
}
