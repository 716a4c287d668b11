package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockingPoolTest {

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void runsTheCallOffTheWorkersAndReturnsItsValue(Flavour flavour) {
        String prefix = "bp-" + System.nanoTime();
        try (RuntimeFixture f = RuntimeFixture.start(flavour, b -> b.threadName(prefix))) {
            JoinHandle<Thread> worker = f.rt.spawn(cx -> Poll.ready(Thread.currentThread()));
            JoinHandle<Thread> blocking = f.rt.spawnBlocking(Thread::currentThread);

            Thread ranOn = f.join(blocking);

            assertThat(ranOn.getName()).startsWith(prefix + "-blocking-");
            assertThat(ranOn).isNotSameAs(f.join(worker)).isNotSameAs(Thread.currentThread());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aCheckedExceptionFromTheCallIsTheJoinErrorsCause(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            IOException io = new IOException("disk on fire");
            JoinHandle<String> h = f.rt.spawnBlocking(() -> {
                throw io;
            });

            JoinError e = f.joinError(h);

            assertThat(e.isPanic()).isTrue();
            assertThat(e.getCause()).isSameAs(io);
            assertThat(e.taskId()).isEqualTo(h.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void anUncheckedExceptionFromTheCallIsTheJoinErrorsCause(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            IllegalStateException boom = new IllegalStateException("boom");
            JoinHandle<String> h = f.rt.spawnBlocking(() -> {
                throw boom;
            });

            assertThat(f.joinError(h).getCause()).isSameAs(boom);
        }
    }

    /** The pool serves a current-thread runtime with its own threads: no blockOn is needed. */
    @Test
    void callsRunOnACurrentThreadRuntimeWithoutAnyBlockOn() {
        try (Runtime rt = Runtime.builder().flavor(Flavor.CURRENT_THREAD).build()) {
            CountDownLatch ran = new CountDownLatch(1);
            rt.spawnBlocking(() -> {
                ran.countDown();
                return null;
            });

            Await.await(ran, "the blocking call");
        }
    }

    @Test
    void aTaskCanAwaitABlockingCall() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            JoinHandle<String> h = rt.spawn(new Future<String>() {
                JoinHandle<String> call;

                @Override
                public Poll<String> poll(Context cx) {
                    if (call == null) {
                        call = Handle.current().spawnBlocking(() -> "from the pool");
                    }
                    return call.poll(cx);
                }
            });

            assertThat(rt.blockOn(h)).isEqualTo("from the pool");
        }
    }

    /** With maxBlockingThreads(2), five calls that all wait on one latch never run more than two at once. */
    @Test
    void maxBlockingThreadsBoundsHowManyCallsRunAtOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Runtime rt = Runtime.builder().workerThreads(1).maxBlockingThreads(2).build()) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            CountDownLatch twoRunning = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<JoinHandle<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(rt.spawnBlocking(() -> {
                    threads.add(Thread.currentThread().getName());
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoRunning.countDown();
                    Await.awaitQuietly(release);
                    running.decrementAndGet();
                    return null;
                }));
            }
            Await.await(twoRunning, "two calls to run");
            int atRelease = running.get();
            release.countDown();
            for (JoinHandle<Void> c : calls) {
                rt.blockOn(c);
            }

            assertThat(atRelease).as("calls running when released").isEqualTo(2);
            assertThat(mostAtOnce).as("most calls running at once").hasValue(2);
            assertThat(threads).as("pool threads").hasSize(2);
        }
    }

    @Test
    void anIdleThreadRetiresAfterTheKeepAlive() {
        CountDownLatch retired = new CountDownLatch(1);
        try (Runtime rt = Runtime.builder().workerThreads(1).threadKeepAlive(Duration.ofMillis(50))
                .onThreadStop(() -> {
                    if (Thread.currentThread().getName().contains("-blocking-")) {
                        retired.countDown();
                    }
                }).build()) {
            String first = rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName()));

            Await.await(retired, "the idle blocking thread to retire");
            String second = rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName()));

            assertThat(first).endsWith("-blocking-0");
            assertThat(second).as("a new thread after the first retired").endsWith("-blocking-1");
        }
    }

    @Test
    void anIdleThreadIsReusedWithinTheKeepAlive() {
        try (Runtime rt = Runtime.builder().workerThreads(1).threadKeepAlive(Duration.ofMinutes(5)).build()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                names.add(rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName())));
                awaitOneIdleBlockingThread(rt);
            }

            assertThat(names).hasSize(5).allMatch(n -> n.equals(names.get(0)));
        }
    }

    /** A call that has not started when aborted never runs; its joiner sees the cancellation. */
    @Test
    void abortingAQueuedCallCancelsIt() {
        try (Runtime rt = Runtime.builder().workerThreads(1).maxBlockingThreads(1).build()) {
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<String> first = rt.spawnBlocking(() -> {
                firstRunning.countDown();
                Await.awaitQuietly(release);
                return "first";
            });
            Await.await(firstRunning, "the first call");
            AtomicInteger secondRuns = new AtomicInteger();
            JoinHandle<String> second = rt.spawnBlocking(() -> {
                secondRuns.incrementAndGet();
                return "second";
            });

            second.abort();
            release.countDown();

            assertThat(rt.blockOn(first)).isEqualTo("first");
            JoinError e = catchJoinError(rt, second);
            assertThat(e.isCancelled()).isTrue();
            assertThat(rt.blockOn(rt.spawnBlocking(() -> "third"))).isEqualTo("third");
            assertThat(secondRuns).as("runs of the aborted call").hasValue(0);
        }
    }

    /** A call that has started runs to the end despite an abort, and its value is kept. */
    @Test
    void abortingARunningCallLetsItFinish() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<String> h = rt.spawnBlocking(() -> {
                running.countDown();
                Await.awaitQuietly(release);
                return "finished";
            });
            Await.await(running, "the call to start");

            h.abort();
            release.countDown();

            assertThat(rt.blockOn(h)).isEqualTo("finished");
        }
    }

    /**
     * Two calls queued back to back while one pool thread is idle: the second must get a thread of
     * its own (the cap is far away), not wait behind the first; here the first waits for the second.
     */
    @Test
    void backToBackCallsDoNotQueueBehindOneIdleThread() throws Exception {
        for (int round = 0; round < 10; round++) { // the race this checks does not lose every time
            try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
                rt.blockOn(rt.spawnBlocking(() -> null));
                awaitOneIdleBlockingThread(rt);
                CountDownLatch secondRan = new CountDownLatch(1);

                JoinHandle<Boolean> first = rt.spawnBlocking(() -> secondRan.await(Await.SECONDS, TimeUnit.SECONDS));
                rt.spawnBlocking(() -> {
                    secondRan.countDown();
                    return null;
                });

                assertThat(rt.blockOn(first)).as("the second call ran while the first waited for it").isTrue();
            }
        }
    }

    /**
     * Waits until the pool's only thread has finished its call and waits for work: busyCount()
     * takes the pool lock, which the thread holds from the end of its call until it waits.
     */
    private static void awaitOneIdleBlockingThread(Runtime rt) {
        var pool = rt.scheduler().blockingPool();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
        while (pool.busyCount() != 0) {
            assertThat(System.nanoTime()).as("pool thread still busy").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(pool.threadCount()).isEqualTo(1);
    }

    /** close() from inside a blocking call must not wait for that very call. */
    @Test
    void closeFromABlockingCallReturns() {
        Runtime rt = Runtime.builder().workerThreads(1).build();
        CountDownLatch returned = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        rt.spawnBlocking(() -> {
            try {
                rt.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
            returned.countDown();
            return null;
        });

        try {
            Await.await(returned, "close() called from a blocking call to return or throw");
            assertThat(rt.isShutdown() || thrown.get() instanceof IllegalStateException).isTrue();
        } finally {
            rt.shutdownTimeout(Duration.ofSeconds(1)); // not close(): with the bug it would hang too
        }
    }

    @Test
    void aDetachedCallThatFailsIsReported() throws Exception {
        try (Runtime rt = Runtime.builder().workerThreads(1).build(); RuntimeLog log = RuntimeLog.capture()) {
            IOException io = new IOException("unjoined blocking failure " + System.nanoTime());
            rt.spawnBlocking(() -> {
                throw io;
            }).detach();

            RuntimeLog.Entry e = log.await(x -> x.thrown() == io, Await.SECONDS * 1000);
            assertThat(e).isNotNull();
        }
    }

    private static JoinError catchJoinError(Runtime rt, JoinHandle<?> h) {
        try {
            rt.blockOn(h);
        } catch (JoinError e) {
            return e;
        }
        throw new AssertionError("expected a JoinError");
    }
}
