package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class ThreadLifecycleTest {

    private static String uniquePrefix(String what) {
        return "tl-" + what + "-" + System.nanoTime();
    }

    private static List<Thread> liveThreadsNamed(String prefix) {
        List<Thread> r = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                r.add(t);
            }
        }
        return r;
    }

    /** Starts {@code n} blocking calls that run at the same time, so the pool has {@code n} threads. */
    private static void runConcurrentBlockingCalls(Runtime rt, int n) {
        CountDownLatch allRunning = new CountDownLatch(n);
        List<JoinHandle<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(rt.spawnBlocking(() -> {
                allRunning.countDown();
                return allRunning.await(Await.SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            }));
        }
        for (JoinHandle<Boolean> c : calls) {
            assertThat(rt.blockOn(c)).as("all %d calls ran at once", n).isTrue();
        }
    }

    /**
     * close() stops and joins every thread: when it returns, no worker or blocking thread of the
     * runtime is alive, and every thread has run its onThreadStop hook. Ten runtimes in a row, as
     * the race this checks does not lose every time.
     */
    @Test
    void noThreadIsLeftBehindAfterClose() {
        for (int round = 0; round < 10; round++) {
            String prefix = uniquePrefix("close");
            List<Thread> started = new CopyOnWriteArrayList<>();
            AtomicInteger stops = new AtomicInteger();
            Runtime rt = Runtime.builder().workerThreads(2).threadName(prefix)
                    .onThreadStart(() -> started.add(Thread.currentThread()))
                    .onThreadStop(stops::incrementAndGet)
                    .build();
            runConcurrentBlockingCalls(rt, 2);

            rt.close();

            assertThat(started).as("threads started").hasSize(4);
            assertThat(stops.get()).as("onThreadStop calls when close() returned").isEqualTo(started.size());
            assertThat(started).as("threads alive after close()").noneMatch(Thread::isAlive);
            assertThat(liveThreadsNamed(prefix)).isEmpty();
        }
    }

    /**
     * No thread outlives the runtime: once close() has returned, every worker and blocking thread
     * ends, each having run onThreadStop. (Whether close() itself waits for that is checked by
     * {@link #noThreadIsLeftBehindAfterClose()}.)
     */
    @Test
    void everyRuntimeThreadEndsAfterClose() {
        String prefix = uniquePrefix("ends");
        List<Thread> started = new CopyOnWriteArrayList<>();
        AtomicInteger stops = new AtomicInteger();
        Runtime rt = Runtime.builder().workerThreads(4).threadName(prefix)
                .onThreadStart(() -> started.add(Thread.currentThread()))
                .onThreadStop(stops::incrementAndGet)
                .build();
        runConcurrentBlockingCalls(rt, 3);
        rt.blockOn(rt.spawn(cx -> Poll.ready(null)));

        rt.close();

        for (Thread t : started) {
            Await.join(t);
        }
        assertThat(started).as("threads started").hasSize(7);
        assertThat(stops).as("onThreadStop calls").hasValue(7);
        assertThat(liveThreadsNamed(prefix)).isEmpty();
    }

    /** Every runtime thread, worker or blocking, runs onThreadStart first and onThreadStop last. */
    @Test
    void startAndStopHooksRunOnEveryRuntimeThread() {
        String prefix = uniquePrefix("hooks");
        Set<String> starts = ConcurrentHashMap.newKeySet();
        Set<String> stops = ConcurrentHashMap.newKeySet();
        CountDownLatch allStopped = new CountDownLatch(4);
        Runtime rt = Runtime.builder().workerThreads(2).threadName(prefix)
                .onThreadStart(() -> starts.add(Thread.currentThread().getName()))
                .onThreadStop(() -> {
                    stops.add(Thread.currentThread().getName());
                    allStopped.countDown();
                })
                .build();
        runConcurrentBlockingCalls(rt, 2);

        rt.close();
        Await.await(allStopped, "onThreadStop on every thread");

        assertThat(starts).containsExactlyInAnyOrder(prefix + "-0", prefix + "-1", prefix + "-blocking-0",
                prefix + "-blocking-1");
        assertThat(stops).isEqualTo(starts);
    }

    /** Park and unpark hooks run on workers only, and each park is followed by an unpark. */
    @Test
    void parkAndUnparkHooksRunOnWorkersInPairs() {
        String prefix = uniquePrefix("park");
        Map<String, AtomicInteger> parks = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> unparks = new ConcurrentHashMap<>();
        CountDownLatch bothParked = new CountDownLatch(2);
        Set<String> parkedOnce = ConcurrentHashMap.newKeySet();
        Runtime rt = Runtime.builder().workerThreads(2).threadName(prefix)
                .onThreadPark(() -> {
                    String me = Thread.currentThread().getName();
                    parks.computeIfAbsent(me, k -> new AtomicInteger()).incrementAndGet();
                    if (parkedOnce.add(me)) {
                        bothParked.countDown();
                    }
                })
                .onThreadUnpark(() -> unparks.computeIfAbsent(Thread.currentThread().getName(),
                        k -> new AtomicInteger()).incrementAndGet())
                .build();
        Await.await(bothParked, "both idle workers to park");
        rt.blockOn(rt.spawn(cx -> Poll.ready(1)));
        rt.blockOn(rt.spawnBlocking(() -> 2));

        rt.close();

        assertThat(parks.keySet()).containsExactlyInAnyOrder(prefix + "-0", prefix + "-1");
        assertThat(unparks.keySet()).isEqualTo(parks.keySet());
        for (String worker : parks.keySet()) {
            assertThat(unparks.get(worker).get()).as("unparks of %s", worker).isEqualTo(parks.get(worker).get());
        }
    }

    /**
     * onThreadStop is the last thing a runtime thread runs: no task code (here the close() of a task
     * cancelled at shutdown) runs on the thread after it. A hook that releases a per-thread resource
     * relies on this.
     */
    @Test
    void noTaskCodeRunsOnAWorkerAfterItsStopHook() {
        Set<Thread> stopped = ConcurrentHashMap.newKeySet();
        Runtime rt = Runtime.builder().workerThreads(1)
                .onThreadStop(() -> stopped.add(Thread.currentThread()))
                .build();
        AtomicReference<Boolean> closedAfterStopHook = new AtomicReference<>();
        Probe<Integer> idle = Probe.<Integer>pendingForever()
                .onClose(() -> closedAfterStopHook.set(stopped.contains(Thread.currentThread())));
        rt.spawn(idle);
        Await.await(idle.firstPoll(), "first poll");

        rt.close();

        assertThat(idle.closes()).isEqualTo(1);
        assertThat(closedAfterStopHook).as("close() ran on a thread that had already run onThreadStop").hasValue(false);
    }

    /** A build that fails while starting threads (here: no name for the third) leaves no thread behind. */
    @Test
    void aBuildThatFailsToNameAThreadLeavesNoThreadRunning() {
        String prefix = uniquePrefix("badname");
        AtomicInteger named = new AtomicInteger();
        Runtime.Builder b = Runtime.builder().workerThreads(3)
                .threadNameFn(() -> named.get() < 2 ? prefix + "-" + named.getAndIncrement() : null);

        assertThatThrownBy(b::build).hasMessageContaining("threadNameFn");

        assertThat(liveThreadsNamed(prefix)).as("threads left running by the failed build").isEmpty();
    }

    @Test
    void aThrowingHookIsReportedAndTheRuntimeStillWorks() throws Exception {
        RuntimeException hookFailure = new RuntimeException("hook failed");
        try (RuntimeLog log = RuntimeLog.capture();
                Runtime rt = Runtime.builder().workerThreads(1).onThreadStart(() -> {
                    throw hookFailure;
                }).build()) {
            int v = rt.blockOn(rt.spawn(cx -> Poll.ready(1)));
            int b = rt.blockOn(rt.spawnBlocking(() -> 2));

            assertThat(v).isEqualTo(1);
            assertThat(b).isEqualTo(2);
            RuntimeLog.Entry e = log.await(x -> x.thrown() == hookFailure, Await.SECONDS * 1000);
            assertThat(e).isNotNull();
            assertThat(e.message()).contains("hook");
        }
    }

    @Test
    void workersAreNamedDaemonThreadsOneForEachConfiguredWorker() {
        String prefix = uniquePrefix("names");
        List<Thread> workers = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        try (Runtime rt = Runtime.builder().workerThreads(3).threadName(prefix).onThreadStart(() -> {
            workers.add(Thread.currentThread());
            started.countDown();
        }).build()) {
            Await.await(started, "three workers");

            assertThat(workers).extracting(Thread::getName)
                    .containsExactlyInAnyOrder(prefix + "-0", prefix + "-1", prefix + "-2");
            assertThat(workers).allMatch(Thread::isDaemon);
            Thread ranOn = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread())));
            assertThat(workers).contains(ranOn);
        }
    }

    @Test
    void threadNameFnNamesWorkersAndBlockingThreads() {
        AtomicInteger n = new AtomicInteger();
        String prefix = uniquePrefix("fn");
        try (Runtime rt = Runtime.builder().workerThreads(1).threadNameFn(() -> prefix + "#" + n.getAndIncrement())
                .build()) {
            String worker = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread().getName())));
            String blocking = rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName()));

            assertThat(worker).startsWith(prefix + "#");
            assertThat(blocking).startsWith(prefix + "#").isNotEqualTo(worker);
        }
    }

    @Test
    void aCurrentThreadRuntimeStartsNoThreadOfItsOwnForTasks() {
        String prefix = uniquePrefix("current");
        try (Runtime rt = Runtime.builder().flavor(Flavor.CURRENT_THREAD).threadName(prefix).build()) {
            Thread ranOn = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread())));

            assertThat(ranOn).isSameAs(Thread.currentThread());
            assertThat(liveThreadsNamed(prefix)).isEmpty();
        }
    }

    /**
     * A task that leaves its worker's interrupt flag set must not hand it to the next task on that
     * worker (the blocking pool clears it between calls for the same reason).
     */
    @Test
    void anInterruptLeftByATaskDoesNotLeakIntoTheNextTask() {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            rt.blockOn(rt.spawn(cx -> {
                Thread.currentThread().interrupt();
                return Poll.ready(null);
            }));

            boolean interrupted = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread().isInterrupted())));

            assertThat(interrupted).as("next task sees an interrupted worker").isFalse();
        }
    }
}
