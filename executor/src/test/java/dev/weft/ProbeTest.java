package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ProbeTest {
    @RepeatedTest(20)
    void threadsDeadAfterClose() throws Exception {
        List<Thread> started = new CopyOnWriteArrayList<>();
        AtomicInteger starts = new AtomicInteger(), stops = new AtomicInteger();
        Runtime rt = Runtime.builder().workerThreads(2).threadName("probe-a")
                .onThreadStart(() -> { started.add(Thread.currentThread()); starts.incrementAndGet(); })
                .onThreadStop(stops::incrementAndGet).build();
        rt.blockOn(rt.spawnBlocking(() -> 1));
        rt.close();
        int st = stops.get();
        long alive = started.stream().filter(Thread::isAlive).count();
        System.out.println("PROBE starts=" + starts.get() + " stops=" + st + " alive=" + alive);
    }

    @Test
    void idleOvercount() throws Exception {
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            rt.blockOn(rt.spawnBlocking(() -> 1));
            while (rt.scheduler().blockingPool().busyCount() != 0) Thread.onSpinWait();
            CountDownLatch l = new CountDownLatch(1);
            JoinHandle<Boolean> a = rt.spawnBlocking(() -> l.await(3, TimeUnit.SECONDS));
            JoinHandle<Void> b = rt.spawnBlocking(() -> { l.countDown(); return null; });
            System.out.println("PROBE overcount a=" + rt.blockOn(a) + " threads=" + rt.scheduler().blockingPool().threadCount());
            rt.blockOn(b);
        }
    }

    @Test
    void closeFromBlocking() throws Exception {
        Runtime rt = Runtime.builder().workerThreads(1).build();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> err = new AtomicReference<>();
        rt.spawnBlocking(() -> { try { rt.close(); } catch (Throwable t) { err.set(t); } done.countDown(); return null; });
        System.out.println("PROBE closeFromBlocking returned=" + done.await(3, TimeUnit.SECONDS) + " err=" + err.get());
    }
}
