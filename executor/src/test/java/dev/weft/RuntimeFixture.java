package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A runtime of one {@link Flavour} whose tasks run in the background, so one test body serves both
 * flavours: a current-thread runtime gets a driver thread parked in {@code blockOn} until the
 * fixture is closed (its tasks run only inside a blockOn).
 */
final class RuntimeFixture implements AutoCloseable {

    final Runtime rt;
    final Flavour flavour;
    private final Signal stopDriver = new Signal();
    private final Thread driver;
    private final AtomicReference<Throwable> driverFailure = new AtomicReference<>();

    private RuntimeFixture(Flavour flavour, Runtime rt) {
        this.flavour = flavour;
        this.rt = rt;
        if (flavour.isCurrentThread()) {
            driver = new Thread(() -> {
                try {
                    rt.blockOn(stopDriver);
                } catch (Throwable t) {
                    driverFailure.set(t);
                }
            }, "current-thread-driver");
            driver.setDaemon(true);
            driver.start();
        } else {
            driver = null;
        }
    }

    static RuntimeFixture start(Flavour flavour) {
        return start(flavour, b -> b);
    }

    static RuntimeFixture start(Flavour flavour, UnaryOperator<Runtime.Builder> config) {
        return new RuntimeFixture(flavour, config.apply(flavour.builder()).build());
    }

    /** Joins a task from the test thread. */
    <T> T join(JoinHandle<T> handle) {
        return rt.blockOn(handle);
    }

    /** Joins a task that must fail, and returns its error. */
    JoinError joinError(JoinHandle<?> handle) {
        try {
            Object value = rt.blockOn(handle);
            throw new AssertionError("expected a JoinError, but the task returned " + value);
        } catch (JoinError e) {
            return e;
        }
    }

    /**
     * Keeps every worker (the driver thread, for a current-thread runtime) inside the poll of a task
     * until {@link Occupation#release()}, so that tasks spawned meanwhile stay queued.
     */
    Occupation occupyAllWorkers() {
        int n = flavour.parallelism();
        CountDownLatch entered = new CountDownLatch(n);
        CountDownLatch release = new CountDownLatch(1);
        List<JoinHandle<Void>> blockers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blockers.add(rt.spawn(cx -> {
                entered.countDown();
                Await.awaitQuietly(release);
                return Poll.ready(null);
            }));
        }
        Await.await(entered, "every worker to be occupied");
        return new Occupation(release, blockers);
    }

    /** Every worker held in a poll; see {@link #occupyAllWorkers()}. */
    final class Occupation {
        private final CountDownLatch release;
        private final List<JoinHandle<Void>> blockers;

        private Occupation(CountDownLatch release, List<JoinHandle<Void>> blockers) {
            this.release = release;
            this.blockers = blockers;
        }

        /** Lets the workers go on. */
        void release() {
            release.countDown();
        }

        /** Releases the workers and joins the occupying tasks. */
        void releaseAndJoin() {
            release();
            for (JoinHandle<Void> b : blockers) {
                join(b);
            }
        }
    }

    @Override
    public void close() {
        stopDriver.fire();
        rt.close();
        if (driver != null) {
            Await.join(driver);
            assertThat(driverFailure.get()).as("failure of the driver thread's blockOn").isNull();
        }
    }
}
