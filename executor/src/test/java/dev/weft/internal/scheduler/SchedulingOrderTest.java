package dev.weft.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Flavor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.Waker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order in which a worker picks tasks: the LIFO slot for what the running task spawns or wakes,
 * its cap, and the global queue checked every {@code globalQueueInterval} ticks.
 */
class SchedulingOrderTest {

    private static Runtime oneWorker() {
        return Runtime.builder().workerThreads(1).build();
    }

    private static Future<Void> record(List<String> events, String name) {
        return cx -> {
            events.add(name);
            return Poll.ready(null);
        };
    }

    /**
     * S spawns O1, O2, then X: each spawn displaces the previous one from the LIFO slot into the
     * queue, so X, the most recent, runs right after S, before the older O1 and O2.
     */
    @Test
    void aTaskSpawnedByTheRunningTaskRunsNextBeforeOlderQueuedTasks() {
        try (Runtime rt = oneWorker()) {
            List<String> events = new CopyOnWriteArrayList<>();
            JoinHandle<JoinHandle<Void>> s = rt.spawn(cx -> {
                Task.spawn(record(events, "O1"));
                Task.spawn(record(events, "O2"));
                return Poll.ready(Task.spawn(record(events, "X")));
            });
            JoinHandle<Void> x = rt.blockOn(s);
            rt.blockOn(x);
            rt.blockOn(rt.spawn(cx -> Poll.ready(null)));

            assertThat(events).containsExactly("X", "O1", "O2");
        }
    }

    /** A task woken by the running task takes the LIFO slot too. */
    @Test
    void aTaskWokenByTheRunningTaskRunsNextBeforeOlderQueuedTasks() {
        try (Runtime rt = oneWorker()) {
            List<String> events = new CopyOnWriteArrayList<>();
            AtomicReference<Waker> wWaker = new AtomicReference<>();
            CountDownLatch wIdle = new CountDownLatch(1);
            JoinHandle<Void> w = rt.spawn(cx -> {
                if (wWaker.get() == null) {
                    wWaker.set(cx.waker());
                    wIdle.countDown();
                    return Poll.pending();
                }
                events.add("W");
                return Poll.ready(null);
            });
            await(wIdle);
            // one worker: W's first poll has ended before S runs
            rt.blockOn(rt.spawn(cx -> {
                Task.spawn(record(events, "O1"));
                Task.spawn(record(events, "O2"));
                wWaker.get().wake();
                return Poll.ready(null);
            }));
            rt.blockOn(w);
            rt.blockOn(rt.spawn(cx -> Poll.ready(null)));

            assertThat(events).containsExactly("W", "O1", "O2");
        }
    }

    /**
     * Tasks that keep spawning each other into the LIFO slot cannot monopolise the worker: after
     * {@link Worker#MAX_LIFO_POLLS} LIFO polls in a row the slot's task goes behind the queue, and the
     * task queued there runs.
     */
    @Test
    void aChainOfLifoTasksLetsAQueuedTaskRunAfterTheCap() {
        try (Runtime rt = oneWorker()) {
            AtomicLong links = new AtomicLong();
            AtomicBoolean queuedRan = new AtomicBoolean();
            long giveUp = 1_000_000;
            JoinHandle<JoinHandle<Long>> s = rt.spawn(cx -> {
                JoinHandle<Long> queued = Task.spawn(cx2 -> {
                    queuedRan.set(true);
                    return Poll.ready(links.get());
                });
                Task.spawn(chainLink(links, queuedRan, giveUp, new CountDownLatch(0)));
                return Poll.ready(queued);
            });

            long linksBefore = rt.blockOn(rt.blockOn(s));

            assertThat(linksBefore).as("chain links polled before the queued task")
                    .isBetween(1L, (long) Worker.MAX_LIFO_POLLS);
        }
    }

    /** One link of a chain that re-spawns itself until {@code stop} (or {@code giveUp} links). */
    private static Future<Void> chainLink(AtomicLong links, AtomicBoolean stop, long giveUp, CountDownLatch underway) {
        return cx -> {
            underway.countDown();
            if (!stop.get() && links.incrementAndGet() < giveUp) {
                Task.spawn(chainLink(links, stop, giveUp, underway));
            }
            return Poll.ready(null);
        };
    }

    /**
     * A task spawned from outside is not starved by a worker (or current-thread driver) whose local
     * work never runs out: a chain of tasks re-spawning themselves. The worker looks at the global
     * queue first every {@code globalQueueInterval} ticks, so the remote task runs within that many
     * ticks (a tick polls at most 1 + MAX_LIFO_POLLS tasks).
     */
    @ParameterizedTest(name = "{0}, globalQueueInterval {1}")
    @CsvSource({"MULTI_THREAD, 61", "MULTI_THREAD, 7", "CURRENT_THREAD, 61", "CURRENT_THREAD, 7"})
    void aRemoteSpawnRunsWhileLocalWorkNeverRunsOut(Flavor flavor, int interval) throws Exception {
        Runtime.Builder b = Runtime.builder().flavor(flavor).globalQueueInterval(interval);
        if (flavor == Flavor.MULTI_THREAD) {
            b.workerThreads(1);
        }
        Signal stopDriver = new Signal();
        Runtime rt = b.build();
        Thread driver = flavor == Flavor.CURRENT_THREAD ? new Thread(() -> rt.blockOn(stopDriver)) : null;
        if (driver != null) {
            driver.start();
        }
        try {
            AtomicLong links = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            long giveUp = 2_000_000;
            CountDownLatch underway = new CountDownLatch(10);
            rt.spawn(chainLink(links, stop, giveUp, underway));
            await(underway);

            JoinHandle<Long> remote = rt.spawn(cx -> {
                stop.set(true);
                return Poll.ready(links.get());
            });
            long spawnedAt = links.get(); // read after the spawn: the gap below can only be larger
            long ranAt = rt.blockOn(remote);

            assertThat(ranAt).as("the remote task ran before the chain gave up").isLessThan(giveUp);
            assertThat(ranAt - spawnedAt).as("chain links polled between the remote spawn and its poll")
                    .isLessThanOrEqualTo((long) (interval + 1) * (Worker.MAX_LIFO_POLLS + 1));
        } finally {
            stopDriver.fire();
            rt.close();
            if (driver != null) {
                driver.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    /** Pending until fired (a copy of the test helper in package dev.weft). */
    private static final class Signal implements Future<Void> {
        private volatile boolean fired;
        private volatile Waker waker;

        @Override
        public Poll<Void> poll(dev.weft.Context cx) {
            waker = cx.waker();
            return fired ? Poll.ready(null) : Poll.pending();
        }

        void fire() {
            fired = true;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
