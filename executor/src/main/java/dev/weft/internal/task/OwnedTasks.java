package dev.weft.internal.task;

import java.util.function.Consumer;

/**
 * The tasks of one runtime that wait for a wake, so that shutdown can cancel them: a task sitting
 * in no run queue is otherwise reachable only from the wakers some resource holds.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Only tasks that go idle are tracked: a task that completes in its first poll, or that only
 * ever yields, is always in a run queue or running, where shutdown finds it anyway, so the common
 * spawn-and-finish path never touches this class. The set is split into shards (one per worker) of
 * intrusive doubly linked lists, each guarded by its own monitor; a task records its shard. All
 * link fields of {@link RawTask} are read and written only under the shard's monitor.
 *
 * <p>{@link #closeAndDrain(Consumer)} first marks every shard closed, so a task that tries to go
 * idle afterwards is refused and cancelled by its poller; then it pops the tasks one at a time and
 * hands each to the consumer outside the monitor (the consumer runs user {@code close()} code,
 * which may spawn or complete other tasks).
 */
public final class OwnedTasks {

    private final Shard[] shards;

    /**
     * @param shardCount number of shards, usually the number of worker threads
     */
    public OwnedTasks(int shardCount) {
        shards = new Shard[Math.max(1, shardCount)];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard();
        }
    }

    /**
     * Tracks a task.
     *
     * @param task  the task, owned by the caller
     * @param shard a hint spreading contention, e.g. the worker index
     * @return {@code false} if closed
     */
    public boolean add(RawTask<?> task, int shard) {
        int index = Math.floorMod(shard, shards.length);
        Shard s = shards[index];
        synchronized (s) {
            if (s.closed) {
                return false;
            }
            if (task.ownedShard >= 0) {
                return true; // already tracked
            }
            task.ownedShard = index;
            task.ownedPrev = null;
            task.ownedNext = s.head;
            if (s.head != null) {
                s.head.ownedPrev = task;
            }
            s.head = task;
            return true;
        }
    }

    /**
     * Stops tracking a task; a no-op if it is not tracked.
     *
     * @param task the task
     */
    public void remove(RawTask<?> task) {
        int index = task.ownedShard; // racy read: a stale value only costs a lock, checked again below
        if (index < 0) {
            return;
        }
        Shard s = shards[index];
        synchronized (s) {
            if (task.ownedShard != index) {
                return;
            }
            unlink(s, task);
        }
    }

    /** @return whether {@link #closeAndDrain(Consumer)} has started */
    public boolean isClosed() {
        Shard s = shards[0];
        synchronized (s) {
            return s.closed;
        }
    }

    /**
     * Refuses further tasks and hands every tracked task to {@code action}, one at a time, outside
     * any lock.
     *
     * @param action what to do with each task (shut it down)
     */
    public void closeAndDrain(Consumer<RawTask<?>> action) {
        for (Shard s : shards) {
            synchronized (s) {
                s.closed = true;
            }
        }
        for (Shard s : shards) {
            for (;;) {
                RawTask<?> t;
                synchronized (s) {
                    t = s.head;
                    if (t == null) {
                        break;
                    }
                    unlink(s, t);
                }
                action.accept(t);
            }
        }
    }

    /** @return the number of tracked tasks (takes every lock; for tests and metrics) */
    public int size() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                for (RawTask<?> t = s.head; t != null; t = t.ownedNext) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void unlink(Shard s, RawTask<?> t) {
        RawTask<?> prev = t.ownedPrev;
        RawTask<?> next = t.ownedNext;
        if (prev == null) {
            s.head = next;
        } else {
            prev.ownedNext = next;
        }
        if (next != null) {
            next.ownedPrev = prev;
        }
        t.ownedPrev = null;
        t.ownedNext = null;
        t.ownedShard = -1;
    }

    /** One list and its lock; padded apart only by being separate objects. */
    private static final class Shard {
        RawTask<?> head;
        boolean closed;
    }
}
