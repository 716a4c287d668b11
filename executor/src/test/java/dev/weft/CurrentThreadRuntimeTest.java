package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What is particular to the current-thread runtime: tasks run on the threads inside blockOn. */
class CurrentThreadRuntimeTest {

    private static Runtime currentThread() {
        return Runtime.builder().flavor(Flavor.CURRENT_THREAD).build();
    }

    @Test
    void tasksRunOnTheThreadInsideBlockOn() {
        try (Runtime rt = currentThread()) {
            JoinHandle<Thread> h = rt.spawn(cx -> Poll.ready(Thread.currentThread()));

            assertThat(rt.blockOn(h)).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void tasksSpawnedFromOutsideRunInSpawnOrder() {
        try (Runtime rt = currentThread()) {
            List<Integer> order = new ArrayList<>();
            List<JoinHandle<Void>> handles = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                handles.add(rt.spawn(cx -> {
                    order.add(n);
                    return Poll.ready(null);
                }));
            }

            rt.blockOn(handles.get(handles.size() - 1));

            assertThat(order).hasSize(500).isSorted();
        }
    }

    @Test
    void tasksSpawnedByATaskRunInSpawnOrder() {
        try (Runtime rt = currentThread()) {
            List<Integer> order = new ArrayList<>();
            JoinHandle<JoinHandle<Void>> parent = rt.spawn(cx -> {
                JoinHandle<Void> last = null;
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    last = Task.spawn(cx2 -> {
                        order.add(n);
                        return Poll.ready(null);
                    });
                }
                return Poll.ready(last);
            });

            rt.blockOn(rt.blockOn(parent));

            assertThat(order).hasSize(500).isSorted();
        }
    }

    /** A task spawned by another thread while blockOn waits is run by the thread inside blockOn. */
    @Test
    void aTaskSpawnedFromAnotherThreadDuringBlockOnIsRun() {
        try (Runtime rt = currentThread()) {
            Signal done = new Signal();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            Thread spawner = new Thread(() -> rt.spawn(cx -> {
                ranOn.set(Thread.currentThread());
                done.fire();
                return Poll.ready(null);
            }));

            rt.blockOn(cx -> {
                Poll<Void> p = done.poll(cx);
                if (!p.isReady() && spawner.getState() == Thread.State.NEW) {
                    spawner.start();
                }
                return p;
            });

            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            Await.join(spawner);
        }
    }

    /** Two threads in blockOn at once, each waiting for a task that only the other's work unblocks. */
    @Test
    void twoThreadsInBlockOnAtOnceBothComplete() {
        try (Runtime rt = currentThread()) {
            Signal aGo = new Signal();
            Signal bGo = new Signal();
            JoinHandle<String> a = rt.spawn(cx -> {
                bGo.fire();
                return aGo.poll(cx).map(v -> "a");
            });
            JoinHandle<String> b = rt.spawn(cx -> {
                aGo.fire();
                return bGo.poll(cx).map(v -> "b");
            });
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Object> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                Await.awaitQuietly(start);
                other.set(rt.blockOn(b));
            });
            t.start();

            start.countDown();
            String mine = rt.blockOn(a);

            Await.join(t);
            assertThat(mine).isEqualTo("a");
            assertThat(other).hasValue("b");
        }
    }

    /**
     * When the thread driving the runtime leaves blockOn, another thread still inside blockOn takes
     * over: a task spawned after the first returned still runs.
     */
    @Test
    void anotherThreadInBlockOnTakesOverWhenTheDriverLeaves() {
        try (Runtime rt = currentThread()) {
            Signal stop = new Signal();
            AtomicReference<Thread> lateTaskRanOn = new AtomicReference<>();
            CountDownLatch inBlockOn = new CountDownLatch(1);
            Thread waiter = new Thread(() -> rt.blockOn(cx -> {
                inBlockOn.countDown();
                return stop.poll(cx);
            }));
            waiter.start();
            Await.await(inBlockOn, "the other thread to enter blockOn");

            int early = rt.blockOn(rt.spawn(cx -> Poll.ready(1))); // one of us drives; we then leave
            JoinHandle<Void> late = rt.spawn(cx -> {
                lateTaskRanOn.set(Thread.currentThread());
                stop.fire();
                return Poll.ready(null);
            });

            Await.join(waiter);
            assertThat(early).isEqualTo(1);
            assertThat(late.isFinished()).isTrue();
            assertThat(lateTaskRanOn.get()).isSameAs(waiter);
        }
    }

    /** Tasks spawned with nobody in blockOn wait; the next blockOn runs them. */
    @Test
    void tasksWaitForTheNextBlockOn() {
        try (Runtime rt = currentThread()) {
            AtomicInteger runs = new AtomicInteger();
            JoinHandle<Integer> h = rt.spawn(cx -> Poll.ready(runs.incrementAndGet()));

            assertThat(runs).as("runs before any blockOn").hasValue(0);
            int v = rt.blockOn(h);

            assertThat(v).isEqualTo(1);
        }
    }

    /** A task that keeps the runtime busy forever cannot keep blockOn from seeing its own future ready. */
    @Test
    void aBusyTaskCannotStarveTheBlockOnFuture() {
        try (Runtime rt = currentThread()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger polls = new AtomicInteger();
            int giveUp = 10_000_000;
            JoinHandle<Integer> busy = rt.spawn(cx -> {
                if (stop.get() || polls.incrementAndGet() == giveUp) {
                    return Poll.ready(polls.get());
                }
                cx.waker().wake();
                return Poll.pending();
            });
            Signal ready = new Signal();
            Thread firer = new Thread(ready::fire);

            rt.blockOn(cx -> {
                Poll<Void> p = ready.poll(cx);
                if (!p.isReady() && firer.getState() == Thread.State.NEW) {
                    firer.start();
                }
                return p;
            });
            stop.set(true);

            assertThat(rt.blockOn(busy)).as("polls of the busy task").isLessThan(giveUp);
            Await.join(firer);
        }
    }

    @Test
    void theSameTaskSemanticsHoldAsOnTheMultiThreadRuntime() {
        try (Runtime rt = currentThread()) {
            List<String> events = new CopyOnWriteArrayList<>();
            Signal go = new Signal();
            Probe<String> child = Probe.readyAfter(go, "child");
            JoinHandle<String> ch = rt.spawn(child);
            JoinHandle<String> parent = rt.spawn(cx -> {
                events.add("parent polled");
                return ch.poll(cx);
            });
            rt.spawn(cx -> {
                events.add("firing");
                go.fire();
                return Poll.ready(null);
            });

            assertThat(rt.blockOn(parent)).isEqualTo("child");
            assertThat(child.closes()).isEqualTo(1);
            assertThat(events).startsWith("parent polled", "firing");
        }
    }
}
