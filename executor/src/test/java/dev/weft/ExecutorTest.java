package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The runtime is a {@link java.util.concurrent.Executor}: execute() runs a Runnable as a detached task. */
class ExecutorTest {

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void executeRunsTheRunnableInsideTheRuntime(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            Executor executor = f.rt;
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Handle> handle = new AtomicReference<>();

            executor.execute(() -> {
                handle.set(Handle.current());
                ran.countDown();
            });

            Await.await(ran, "the runnable");
            assertThat(handle.get()).isSameAs(f.rt.handle());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void executeRejectsNull(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            assertThatNullPointerException().isThrownBy(() -> f.rt.execute(null));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void manyExecutedRunnablesAllRun(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            int n = 10_000;
            CountDownLatch ran = new CountDownLatch(n);

            for (int i = 0; i < n; i++) {
                f.rt.execute(ran::countDown);
            }

            Await.await(ran, "every runnable");
        }
    }
}
