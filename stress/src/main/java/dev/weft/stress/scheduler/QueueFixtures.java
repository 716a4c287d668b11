package dev.weft.stress.scheduler;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.scheduler.LocalQueue;
import dev.weft.internal.task.RawTask;

/**
 * Tasks with names 1..n, and the arbiters' bookkeeping for the queue tests.
 *
 * <p>Outcomes report where each task ended up as a decimal <em>sequence</em> of task numbers in
 * the order they were taken: {@code 12} means task 1, then task 2; {@code 0} means nothing. A task
 * taken twice shows up twice ({@code 112}), a lost one not at all, and a reference that is none of
 * the test's tasks as {@code 9}, so every broken case is an outcome of its own.
 */
final class QueueFixtures {

    /** The queue tests never run their tasks. */
    private static final Future<Object> NEVER_RUN = cx -> Poll.pending();

    /** Unknown task reference (for example a stale slot that should have been cleared). */
    static final int UNKNOWN = 9;

    private QueueFixtures() {}

    /** @return {@code n} fresh tasks; the one at index i is task number i + 1 */
    static RawTask<?>[] tasks(int n) {
        RawTask<?>[] ts = new RawTask<?>[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new RawTask<>(NEVER_RUN, null);
        }
        return ts;
    }

    /** @return the task's number, 0 for {@code null}, {@link #UNKNOWN} if not one of {@code ts} */
    static int number(RawTask<?>[] ts, RawTask<?> t) {
        if (t == null) {
            return 0;
        }
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == t) {
                return i + 1;
            }
        }
        return UNKNOWN;
    }

    /** @return {@code seq} with task {@code t} appended (unchanged for {@code null}) */
    static int append(int seq, RawTask<?>[] ts, RawTask<?> t) {
        return t == null ? seq : seq * 10 + number(ts, t);
    }

    /** Pops everything left in {@code q} (the caller acts as its owner): the sequence taken. */
    static int drain(LocalQueue q, RawTask<?>[] ts) {
        int seq = 0;
        for (int guard = 0; guard < 16; guard++) { // a broken queue must not hang the arbiter
            RawTask<?> t = q.pop();
            if (t == null) {
                break;
            }
            seq = append(seq, ts, t);
        }
        return seq;
    }

    /** Pops everything left in {@code q} as its consumer: the sequence taken. */
    static int drain(InjectQueue q, RawTask<?>[] ts) {
        if (!q.tryLockConsumer()) {
            return -1; // nobody else consumes in these tests: a stuck lock is a bug of its own
        }
        int seq = 0;
        try {
            for (int guard = 0; guard < 16; guard++) {
                RawTask<?> t = q.pop();
                if (t == null) {
                    break;
                }
                seq = append(seq, ts, t);
            }
        } finally {
            q.unlockConsumer();
        }
        return seq;
    }

    /**
     * Pushes and pops {@code n} throwaway tasks, so that the indices of an empty {@code q} start at
     * {@code n} and the next pushes wrap around the end of the ring.
     */
    static void advance(LocalQueue q, int n) {
        InjectQueue unused = new InjectQueue();
        RawTask<?> filler = new RawTask<>(NEVER_RUN, null);
        for (int i = 0; i < n; i++) {
            q.push(filler, unused);
            if (q.pop() != filler) {
                throw new IllegalStateException("setup: the queue lost a task");
            }
        }
    }

    /** Pushes {@code ts} in order; fails the setup if anything spills. */
    static void pushAll(LocalQueue q, RawTask<?>... ts) {
        InjectQueue overflow = new InjectQueue();
        for (RawTask<?> t : ts) {
            q.push(t, overflow);
        }
        if (!overflow.isEmpty()) {
            throw new IllegalStateException("setup: the queue overflowed");
        }
    }
}
