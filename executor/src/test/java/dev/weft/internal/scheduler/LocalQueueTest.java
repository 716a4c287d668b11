package dev.weft.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.weft.Poll;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.task.Schedule;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalQueueTest {

    static final Schedule NO_SCHEDULER = new Schedule() {
        @Override
        public void schedule(RawTask<?> task) {}

        @Override
        public void yieldTask(RawTask<?> task) {}

        @Override
        public boolean track(RawTask<?> task) {
            return true;
        }

        @Override
        public void untrack(RawTask<?> task) {}
    };

    static RawTask<?> task() {
        return new RawTask<>(cx -> Poll.pending(), NO_SCHEDULER);
    }

    static List<RawTask<?>> tasks(int n) {
        List<RawTask<?>> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(task());
        }
        return r;
    }

    static List<RawTask<?>> popAll(InjectQueue q) {
        List<RawTask<?>> r = new ArrayList<>();
        assertThat(q.tryLockConsumer()).isTrue();
        try {
            for (RawTask<?> t; (t = q.pop()) != null; ) {
                r.add(t);
            }
        } finally {
            q.unlockConsumer();
        }
        return r;
    }

    private static List<RawTask<?>> popAll(LocalQueue q) {
        List<RawTask<?>> r = new ArrayList<>();
        for (RawTask<?> t; (t = q.pop()) != null; ) {
            r.add(t);
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {-4, 0, 1, 3, 6, 100})
    void capacityMustBeAPowerOfTwoOfAtLeastTwo(int capacity) {
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalQueue(capacity))
                .withMessageContaining("capacity").withMessageContaining(String.valueOf(capacity));
    }

    @Test
    void theDefaultCapacityIs256() {
        assertThat(new LocalQueue().capacity()).isEqualTo(LocalQueue.DEFAULT_CAPACITY).isEqualTo(256);
        assertThat(new LocalQueue(2).capacity()).isEqualTo(2);
    }

    @Test
    void aNewQueueIsEmpty() {
        LocalQueue q = new LocalQueue(4);

        assertThat(q.pop()).isNull();
        assertThat(q.len()).isZero();
        assertThat(q.hasTasks()).isFalse();
        assertThat(q.stealer().isEmpty()).isTrue();
        assertThat(q.remainingSlots()).isEqualTo(4);
    }

    @Test
    void popTakesTheOldestFirst() {
        LocalQueue q = new LocalQueue(4);
        InjectQueue overflow = new InjectQueue();
        List<RawTask<?>> ts = tasks(4);
        ts.forEach(t -> q.push(t, overflow));

        assertThat(q.len()).isEqualTo(4);
        assertThat(q.remainingSlots()).isZero();
        assertThat(popAll(q)).containsExactlyElementsOf(ts);
        assertThat(overflow.isEmpty()).isTrue();
    }

    /** With 4 slots the ring indexes wrap every four pushes; order survives many laps. */
    @Test
    void orderSurvivesManyLapsAroundACapacityFourRing() {
        LocalQueue q = new LocalQueue(4);
        InjectQueue overflow = new InjectQueue();
        List<RawTask<?>> expected = new ArrayList<>();
        List<RawTask<?>> actual = new ArrayList<>();
        for (int lap = 0; lap < 1000; lap++) {
            int batch = 1 + lap % 4; // 1..4 tasks: the queue is at every fill level at every offset
            for (int i = 0; i < batch; i++) {
                RawTask<?> t = task();
                expected.add(t);
                q.push(t, overflow);
            }
            for (int i = 0; i < batch; i++) {
                actual.add(q.pop());
            }
            assertThat(q.pop()).isNull();
        }

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(overflow.isEmpty()).isTrue();
    }

    /** The 32-bit head and tail counters wrap past Integer.MAX_VALUE without losing or reordering. */
    @Test
    void countersWrapAroundInt() throws Exception {
        LocalQueue q = new LocalQueue(4);
        int start = Integer.MAX_VALUE - 1;
        VarHandle head = MethodHandles.privateLookupIn(LocalQueue.class, MethodHandles.lookup())
                .findVarHandle(LocalQueue.class, "head", long.class);
        VarHandle tail = MethodHandles.privateLookupIn(LocalQueue.class, MethodHandles.lookup())
                .findVarHandle(LocalQueue.class, "tail", int.class);
        head.setVolatile(q, LocalQueue.pack(start, start));
        tail.setVolatile(q, start);
        InjectQueue overflow = new InjectQueue();

        List<RawTask<?>> ts = tasks(4);
        ts.forEach(t -> q.push(t, overflow)); // tail goes MAX-1 -> MIN+2
        assertThat(q.len()).isEqualTo(4);
        assertThat(q.pop()).isSameAs(ts.get(0));

        LocalQueue thief = new LocalQueue(4);
        RawTask<?> stolen = q.stealer().stealInto(thief); // claims 2 of the 3 left: ts1, ts2
        assertThat(stolen).isSameAs(ts.get(2));
        assertThat(thief.pop()).isSameAs(ts.get(1));
        assertThat(popAll(q)).containsExactly(ts.get(3));

        RawTask<?> extra = task();
        List<RawTask<?>> more = tasks(4);
        more.forEach(t -> q.push(t, overflow));
        q.push(extra, overflow); // full: half plus the new task overflow
        assertThat(popAll(overflow)).containsExactly(more.get(0), more.get(1), extra);
        assertThat(popAll(q)).containsExactly(more.get(2), more.get(3));
    }

    @Test
    void pushingIntoAFullQueueMovesTheOldestHalfAndTheNewTaskToTheOverflow() {
        LocalQueue q = new LocalQueue(4);
        InjectQueue overflow = new InjectQueue();
        List<RawTask<?>> ts = tasks(5);

        ts.forEach(t -> q.push(t, overflow));

        assertThat(popAll(overflow)).containsExactly(ts.get(0), ts.get(1), ts.get(4));
        assertThat(q.len()).isEqualTo(2);
        assertThat(popAll(q)).containsExactly(ts.get(2), ts.get(3));
    }

    @Test
    void manyPushesIntoASmallQueueLoseNothing() {
        LocalQueue q = new LocalQueue(4);
        InjectQueue overflow = new InjectQueue();
        List<RawTask<?>> ts = tasks(1000);

        ts.forEach(t -> q.push(t, overflow));

        List<RawTask<?>> all = new ArrayList<>(popAll(overflow));
        all.addAll(popAll(q));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ts).doesNotHaveDuplicates();
    }

    @Test
    void aThiefTakesTheOldestHalfRoundedUpAndRunsTheNewestOfThem() {
        LocalQueue victim = new LocalQueue(8);
        LocalQueue thief = new LocalQueue(8);
        InjectQueue overflow = new InjectQueue();
        List<RawTask<?>> ts = tasks(5);
        ts.forEach(t -> victim.push(t, overflow));

        RawTask<?> run = victim.stealer().stealInto(thief);

        assertThat(run).isSameAs(ts.get(2));
        assertThat(popAll(thief)).containsExactly(ts.get(0), ts.get(1));
        assertThat(popAll(victim)).containsExactly(ts.get(3), ts.get(4));
    }

    @Test
    void stealingASingleTaskHandsItOverDirectly() {
        LocalQueue victim = new LocalQueue(4);
        LocalQueue thief = new LocalQueue(4);
        RawTask<?> t = task();
        victim.push(t, new InjectQueue());

        assertThat(victim.stealer().stealInto(thief)).isSameAs(t);
        assertThat(thief.hasTasks()).isFalse();
        assertThat(victim.stealer().isEmpty()).isTrue();
        assertThat(victim.pop()).isNull();
    }

    @Test
    void stealingFromAnEmptyQueueGetsNothing() {
        assertThat(new LocalQueue(4).stealer().stealInto(new LocalQueue(4))).isNull();
    }

    @Test
    void aThiefWhoseQueueIsMoreThanHalfFullStealsNothing() {
        LocalQueue victim = new LocalQueue(4);
        LocalQueue thief = new LocalQueue(4);
        InjectQueue overflow = new InjectQueue();
        tasks(4).forEach(t -> victim.push(t, overflow));
        tasks(3).forEach(t -> thief.push(t, overflow));

        assertThat(victim.stealer().stealInto(thief)).isNull();
        assertThat(victim.len()).isEqualTo(4);
        assertThat(thief.len()).isEqualTo(3);
    }

    @Test
    void pushAllAppendsInOrderAndClearsTheSourceArray() {
        LocalQueue q = new LocalQueue(8);
        q.push(task(), new InjectQueue());
        List<RawTask<?>> ts = tasks(3);
        RawTask<?>[] batch = ts.toArray(new RawTask<?>[4]);

        q.pushAll(batch, 3);

        assertThat(batch).containsOnlyNulls();
        q.pop();
        assertThat(popAll(q)).containsExactlyElementsOf(ts);
    }

    /**
     * The owner pushes and pops while thieves steal: every task is taken exactly once, whatever the
     * interleaving. A capacity of 4 makes overflow and wrap-around happen constantly.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 256})
    void ownerAndThievesTogetherTakeEveryTaskExactlyOnce(int capacity) throws Exception {
        int total = 200_000;
        LocalQueue owner = new LocalQueue(capacity);
        InjectQueue overflow = new InjectQueue();
        Set<RawTask<?>> taken = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicBoolean ownerDone = new AtomicBoolean();
        List<Thread> thieves = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread thief = new Thread(() -> {
                LocalQueue mine = new LocalQueue(capacity);
                while (!ownerDone.get() || !owner.stealer().isEmpty()) {
                    RawTask<?> t = owner.stealer().stealInto(mine);
                    if (t != null && !taken.add(t)) {
                        duplicates.incrementAndGet();
                    }
                    for (RawTask<?> m; (m = mine.pop()) != null; ) {
                        if (!taken.add(m)) {
                            duplicates.incrementAndGet();
                        }
                    }
                }
            });
            thieves.add(thief);
            thief.start();
        }
        for (int i = 0; i < total; i++) {
            owner.push(task(), overflow);
            if (i % 3 == 0) {
                RawTask<?> t = owner.pop();
                if (t != null && !taken.add(t)) {
                    duplicates.incrementAndGet();
                }
            }
        }
        ownerDone.set(true);
        for (RawTask<?> t; (t = owner.pop()) != null; ) {
            if (!taken.add(t)) {
                duplicates.incrementAndGet();
            }
        }
        for (Thread t : thieves) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        for (RawTask<?> t : popAll(overflow)) {
            if (!taken.add(t)) {
                duplicates.incrementAndGet();
            }
        }

        assertThat(duplicates).hasValue(0);
        assertThat(taken).hasSize(total);
    }
}
