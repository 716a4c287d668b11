package dev.weft.stress.task;

import dev.weft.Context;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.task.Schedule;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler that only counts: how often the harness asked for the task to be queued after a wake
 * ({@link #schedule}) and after a self-wake during its poll ({@link #yieldTask}). Each call stands
 * for one run-queue entry; the arbiter then plays the worker with {@link #runQueued}. Counters are
 * atomic so that two racing calls are both counted.
 */
final class RecordingSchedule implements Schedule {

    private final AtomicInteger schedules = new AtomicInteger();
    private final AtomicInteger yields = new AtomicInteger();
    private int entriesRun; // arbiter only

    @Override
    public void schedule(RawTask<?> task) {
        schedules.incrementAndGet();
    }

    @Override
    public void yieldTask(RawTask<?> task) {
        yields.incrementAndGet();
    }

    @Override
    public boolean track(RawTask<?> task) {
        return true; // never shut down
    }

    @Override
    public void untrack(RawTask<?> task) {}

    /** @return calls to {@link #schedule} so far */
    int schedules() {
        return schedules.get();
    }

    /** @return calls to {@link #yieldTask} so far */
    int yields() {
        return yields.get();
    }

    /** @return run-queue entries created so far (schedules plus yields) */
    int entries() {
        return schedules() + yields();
    }

    /**
     * Runs {@code task} once per queue entry not yet run, as the workers holding those entries
     * would, including entries created by these runs (bounded, in case a broken task re-queues
     * itself forever).
     */
    void runQueued(RawTask<?> task, Context cx) {
        for (int guard = 0; entriesRun < entries() && guard < 8; guard++) {
            entriesRun++;
            task.run(cx);
        }
    }
}
