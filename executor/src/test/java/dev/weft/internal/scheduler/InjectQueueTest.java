package dev.weft.internal.scheduler;

import static dev.weft.internal.scheduler.LocalQueueTest.popAll;
import static dev.weft.internal.scheduler.LocalQueueTest.task;
import static dev.weft.internal.scheduler.LocalQueueTest.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.task.RawTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InjectQueueTest {

    @Test
    void aNewQueueIsEmpty() {
        InjectQueue q = new InjectQueue();

        assertThat(q.isEmpty()).isTrue();
        assertThat(popAll(q)).isEmpty();
    }

    @Test
    void popReturnsTasksInPushOrder() {
        InjectQueue q = new InjectQueue();
        List<RawTask<?>> ts = tasks(3);
        ts.forEach(q::push);

        assertThat(q.isEmpty()).isFalse();
        assertThat(popAll(q)).containsExactlyElementsOf(ts);
        assertThat(q.isEmpty()).isTrue();
    }

    /** Emptying the queue re-links its stub node; alternate push and pop exercise that every time. */
    @Test
    void staysCorrectWhenEmptiedOverAndOver() {
        InjectQueue q = new InjectQueue();
        for (int i = 0; i < 1000; i++) {
            RawTask<?> t = task();
            q.push(t);
            assertThat(q.isEmpty()).isFalse();
            assertThat(popAll(q)).containsExactly(t);
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void aTaskCanBeQueuedAgainAfterItWasTaken() {
        InjectQueue q = new InjectQueue();
        RawTask<?> a = task();
        RawTask<?> b = task();
        q.push(a);
        q.push(b);
        assertThat(popAll(q)).containsExactly(a, b);

        q.push(b);
        q.push(a);

        assertThat(popAll(q)).containsExactly(b, a);
    }

    @Test
    void popBatchTakesAtMostMaxInOrder() {
        InjectQueue q = new InjectQueue();
        List<RawTask<?>> ts = tasks(5);
        ts.forEach(q::push);
        RawTask<?>[] out = new RawTask<?>[8];

        assertThat(q.popBatch(out, 3)).isEqualTo(3);
        assertThat(out).startsWith(ts.get(0), ts.get(1), ts.get(2));
        assertThat(q.popBatch(out, 8)).isEqualTo(2);
        assertThat(out).startsWith(ts.get(3), ts.get(4));
        assertThat(q.popBatch(out, 8)).isZero();
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void popBatchTakesNothingWhileAnotherConsumerHoldsTheLock() {
        InjectQueue q = new InjectQueue();
        q.push(task());
        assertThat(q.tryLockConsumer()).isTrue();
        try {
            assertThat(q.tryLockConsumer()).isFalse();
            assertThat(q.popBatch(new RawTask<?>[4], 4)).isZero();
        } finally {
            q.unlockConsumer();
        }

        assertThat(q.popBatch(new RawTask<?>[4], 4)).isEqualTo(1);
    }

    @Test
    void pushBatchAppendsALinkedChainInOrder() {
        InjectQueue q = new InjectQueue();
        RawTask<?> before = task();
        q.push(before);
        List<RawTask<?>> chain = tasks(3);
        chain.get(0).linkNextInQueue(chain.get(1));
        chain.get(1).linkNextInQueue(chain.get(2));

        q.pushBatch(chain.get(0), chain.get(2));
        RawTask<?> after = task();
        q.push(after);

        assertThat(popAll(q)).containsExactly(before, chain.get(0), chain.get(1), chain.get(2), after);
    }

    @Test
    void drainHandsEveryTaskToTheActionInOrderAndEmptiesTheQueue() {
        InjectQueue q = new InjectQueue();
        List<RawTask<?>> ts = tasks(200); // more than one internal batch
        ts.forEach(q::push);
        List<RawTask<?>> drained = new ArrayList<>();

        q.drain(t -> {
            assertThat(q.tryLockConsumer()).as("the action runs outside the consumer lock").isTrue();
            q.unlockConsumer();
            drained.add(t);
        });

        assertThat(drained).containsExactlyElementsOf(ts);
        assertThat(q.isEmpty()).isTrue();
    }

    /** Four producers push at once while a consumer pops: nothing lost, each producer's order kept. */
    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws Exception {
        int producers = 4;
        int each = 20_000;
        InjectQueue q = new InjectQueue();
        List<List<RawTask<?>>> pushed = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            pushed.add(tasks(each));
        }
        ConcurrentHashMap<RawTask<?>, Integer> producerOf = new ConcurrentHashMap<>();
        for (int p = 0; p < producers; p++) {
            for (RawTask<?> t : pushed.get(p)) {
                producerOf.put(t, p);
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<RawTask<?>> mine = pushed.get(p);
            Thread t = new Thread(() -> mine.forEach(q::push));
            threads.add(t);
        }
        List<RawTask<?>> received = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                RawTask<?>[] batch = new RawTask<?>[64];
                while (received.size() < producers * each) {
                    int n = q.popBatch(batch, batch.length);
                    for (int i = 0; i < n; i++) {
                        received.add(batch[i]);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        consumer.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
        }
        consumer.join(10_000);

        assertThat(consumer.isAlive()).as("consumer still waiting for tasks").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(received).hasSize(producers * each).doesNotHaveDuplicates();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            assertThat(received.stream().filter(t -> producerOf.get(t) == producer).toList())
                    .as("order of producer %d", p).containsExactlyElementsOf(pushed.get(p));
        }
        assertThat(q.isEmpty()).isTrue();
    }
}
