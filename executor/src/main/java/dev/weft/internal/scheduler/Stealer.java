package dev.weft.internal.scheduler;

import dev.weft.internal.task.RawTask;

/**
 * The thieves' end of a {@link LocalQueue}: any thread may hold one and steal through it.
 */
public final class Stealer {

    private final LocalQueue queue;

    Stealer(LocalQueue queue) {
        this.queue = queue;
    }

    /**
     * Moves about half of the victim's tasks into {@code dst}, the calling worker's own queue.
     *
     * @param dst the thief's own queue (the caller must be its owner)
     * @return one stolen task to run now (not placed in {@code dst}), or {@code null} if nothing was
     *     taken: the victim is empty, another thief is busy with it, or {@code dst} is half full
     */
    public RawTask<?> stealInto(LocalQueue dst) {
        return queue.stealInto(dst);
    }

    /** @return whether the victim looks empty (may be stale by the time the caller acts) */
    public boolean isEmpty() {
        return queue.isEmptyForThieves();
    }
}
