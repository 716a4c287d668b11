package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Idle workers take over work queued on a busy one. */
class WorkStealingTest {

    /**
     * Tasks spawned by a task whose poll then takes long are run by another worker meanwhile: it
     * steals those in the spawner's queue, and at last the one left in its LIFO slot.
     */
    @Test
    void tasksQueuedBehindALongPollAreRunByAnotherWorker() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            CountDownLatch allRan = new CountDownLatch(10);
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<Thread> spawner = rt.spawn(cx -> {
                for (int i = 0; i < 10; i++) {
                    Task.spawn(cx2 -> {
                        allRan.countDown();
                        return Poll.ready(null);
                    });
                }
                Await.awaitQuietly(release); // a long poll, on purpose
                return Poll.ready(Thread.currentThread());
            });

            Await.await(allRan, "the ten tasks to run while their spawner's poll goes on");
            release.countDown();

            assertThat(rt.blockOn(spawner)).isNotNull();
        }
    }

    /**
     * Two long polls spawned together onto a fresh two-worker runtime run at the same time, on the
     * two workers. Repeated, because the lost wake-up this checks needs a narrow interleaving at
     * start-up (about 1 round in 1500 here).
     */
    @Test
    void twoLongPollsSpawnedTogetherRunOnBothWorkers() throws Exception {
        for (int round = 0; round < 3000; round++) {
            try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
                CountDownLatch entered = new CountDownLatch(2);
                CountDownLatch release = new CountDownLatch(1);
                Future<Void> longPoll = cx -> {
                    entered.countDown();
                    Await.awaitQuietly(release);
                    return Poll.ready(null);
                };
                JoinHandle<Void> a = rt.spawn(longPoll);
                JoinHandle<Void> b = rt.spawn(longPoll);

                boolean both = entered.await(Await.SECONDS, TimeUnit.SECONDS);
                release.countDown();
                rt.blockOn(a);
                rt.blockOn(b);
                assertThat(both).as("both long polls running at once, round %d", round).isTrue();
            }
        }
    }
}
