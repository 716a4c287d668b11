package dev.weft.internal.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Poll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OwnedTasksTest {

    private final RecordingSchedule schedule = new RecordingSchedule();

    private RawTask<?> task() {
        return new RawTask<>(cx -> Poll.pending(), schedule);
    }

    @Test
    void addAndRemoveTrackAndForgetATask() {
        OwnedTasks owned = new OwnedTasks(2);
        RawTask<?> a = task();
        RawTask<?> b = task();

        assertThat(owned.add(a, 0)).isTrue();
        assertThat(owned.add(b, 1)).isTrue();
        assertThat(owned.size()).isEqualTo(2);
        owned.remove(a);

        assertThat(owned.size()).isEqualTo(1);
        assertThat(a.ownedShard).isEqualTo(-1);
    }

    @Test
    void addingATrackedTaskAgainTracksItOnce() {
        OwnedTasks owned = new OwnedTasks(4);
        RawTask<?> a = task();

        owned.add(a, 1);
        assertThat(owned.add(a, 3)).isTrue();

        assertThat(owned.size()).isEqualTo(1);
        assertThat(a.ownedShard).isEqualTo(1);
    }

    @Test
    void removingAnUntrackedTaskDoesNothing() {
        OwnedTasks owned = new OwnedTasks(2);
        owned.add(task(), 0);

        owned.remove(task());

        assertThat(owned.size()).isEqualTo(1);
    }

    @Test
    void anyShardHintIsUsable() {
        OwnedTasks owned = new OwnedTasks(3);
        for (int hint : new int[] {-7, -1, 0, 2, 3, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            RawTask<?> t = task();
            assertThat(owned.add(t, hint)).isTrue();
            assertThat(t.ownedShard).isBetween(0, 2);
        }
        assertThat(owned.size()).isEqualTo(8);
        assertThat(new OwnedTasks(0).add(task(), 5)).as("at least one shard").isTrue();
    }

    @Test
    void closeAndDrainHandsEveryTaskOverOnceAndRefusesNewOnes() {
        OwnedTasks owned = new OwnedTasks(3);
        List<RawTask<?>> ts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RawTask<?> t = task();
            ts.add(t);
            owned.add(t, i);
        }
        List<RawTask<?>> drained = new ArrayList<>();

        owned.closeAndDrain(drained::add);

        assertThat(drained).containsExactlyInAnyOrderElementsOf(ts).doesNotHaveDuplicates();
        assertThat(owned.isClosed()).isTrue();
        assertThat(owned.size()).isZero();
        assertThat(owned.add(task(), 0)).isFalse();
        assertThat(ts).allMatch(t -> t.ownedShard == -1);
    }

    /** The action runs outside the locks: it may track, untrack or complete other tasks. */
    @Test
    void theDrainActionMayTouchTheSetItself() {
        OwnedTasks owned = new OwnedTasks(1);
        RawTask<?> first = task();
        RawTask<?> second = task();
        owned.add(first, 0);
        owned.add(second, 0);
        List<RawTask<?>> drained = new ArrayList<>();
        List<Boolean> addsDuringDrain = new ArrayList<>();

        owned.closeAndDrain(t -> {
            drained.add(t);
            addsDuringDrain.add(owned.add(task(), 0));
            owned.remove(t == first ? second : first); // the other one completes meanwhile
        });

        assertThat(drained).hasSize(1);
        assertThat(addsDuringDrain).containsExactly(false);
        assertThat(owned.size()).isZero();
    }

    @Test
    void concurrentAddsAndRemovesFromManyThreadsLeaveItConsistent() throws Exception {
        OwnedTasks owned = new OwnedTasks(4);
        int threads = 4;
        int each = 20_000;
        Set<RawTask<?>> kept = ConcurrentHashMap.newKeySet();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int shard = i;
            Thread t = new Thread(() -> {
                for (int n = 0; n < each; n++) {
                    RawTask<?> task = task();
                    owned.add(task, shard + n);
                    if (n % 2 == 0) {
                        owned.remove(task);
                    } else {
                        kept.add(task);
                    }
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join(10_000);
        }

        assertThat(owned.size()).isEqualTo(kept.size()).isEqualTo(threads * each / 2);
        Set<RawTask<?>> drained = new HashSet<>();
        owned.closeAndDrain(drained::add);
        assertThat(drained).isEqualTo(kept);
    }
}
