package dev.weft.internal.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduler stand-in that records what a task asks of it, and tracks tasks in an OwnedTasks. */
final class RecordingSchedule implements Schedule {

    final List<RawTask<?>> scheduled = new CopyOnWriteArrayList<>();
    final List<RawTask<?>> yielded = new CopyOnWriteArrayList<>();
    final List<RawTask<?>> tracked = new CopyOnWriteArrayList<>();
    final List<RawTask<?>> untracked = new CopyOnWriteArrayList<>();
    final OwnedTasks owned = new OwnedTasks(2);

    @Override
    public void schedule(RawTask<?> task) {
        scheduled.add(task);
    }

    @Override
    public void yieldTask(RawTask<?> task) {
        yielded.add(task);
    }

    @Override
    public boolean track(RawTask<?> task) {
        tracked.add(task);
        return owned.add(task, 0);
    }

    @Override
    public void untrack(RawTask<?> task) {
        untracked.add(task);
        owned.remove(task);
    }
}
