package dev.weft.internal.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which workers are searching for work and which are parked, so that new work wakes a worker only
 * when none is already looking.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>One atomic word counts {@code searching} (low 16 bits) and {@code unparked} (high 16 bits)
 * workers; a stack of parked worker indices sits under this object's monitor.
 *
 * <ul>
 *   <li>New work wakes a parked worker only if nobody searches and somebody is parked
 *       ({@link #workerToNotify()}); the woken worker starts out searching.</li>
 *   <li>At most half the workers search at once ({@link #tryStartSearching()}), so a burst of
 *       wakes does not send every worker to fight over one task.</li>
 *   <li>The last searcher to find work wakes another (chained ramp-up: one wake at a time, each
 *       from a worker that just proved there is work), see {@link #stopSearching()}.</li>
 *   <li>Every worker re-checks every queue after it has announced itself parked
 *       ({@link #parkWorker(int, boolean)}); that re-check and a pusher's check of the counters
 *       form a Dekker pair, so one of them sees the other and no wake is lost. (Tokio re-checks
 *       only in the last searcher; a worker refused the search slot could then park while the
 *       searcher's freshly pulled batch waited behind a long poll.)</li>
 * </ul>
 *
 * <p>All counter operations are volatile read-modify-writes: the Dekker pair above needs a full
 * StoreLoad between "announce parked" and "read the queues" (release/acquire alone lost wakeups in
 * 46% of runs in our jcstress experiments).
 *
 * <p>Tokio's {@code runtime/scheduler/multi_thread/idle.rs} is the model.
 */
final class Idle {

    private static final int UNPARK_SHIFT = 16;
    private static final int SEARCH_MASK = (1 << UNPARK_SHIFT) - 1;

    /** Most workers the 16-bit counters can describe. */
    static final int MAX_WORKERS = SEARCH_MASK;

    private final AtomicInteger state;
    private final int numWorkers;

    // Guarded by this.
    private final int[] sleepers;
    private int sleeperCount;

    Idle(int numWorkers) {
        this.numWorkers = numWorkers;
        this.state = new AtomicInteger(numWorkers << UNPARK_SHIFT); // all unparked, none searching
        this.sleepers = new int[numWorkers];
    }

    /**
     * @return the index of a parked worker to wake for new work, now counted as unparked and
     *     searching; or -1 if a worker is already searching or none is parked
     */
    int workerToNotify() {
        if (!shouldWake(state.get())) {
            return -1;
        }
        synchronized (this) {
            if (!shouldWake(state.get()) || sleeperCount == 0) {
                return -1;
            }
            state.addAndGet((1 << UNPARK_SHIFT) | 1); // one more unparked, one more searching
            return sleepers[--sleeperCount];
        }
    }

    private boolean shouldWake(int s) {
        return searching(s) == 0 && unparked(s) < numWorkers;
    }

    /** @return whether the caller may search (fewer than half the workers already do) */
    boolean tryStartSearching() {
        int s = state.get();
        if (2 * searching(s) >= numWorkers) {
            return false;
        }
        state.incrementAndGet();
        return true;
    }

    /**
     * A searcher found work and stops searching.
     *
     * @return {@code true} if it was the last searcher, and so must wake another worker
     */
    boolean stopSearching() {
        int prev = state.getAndDecrement();
        return searching(prev) == 1;
    }

    /**
     * A worker goes to sleep. It must then re-check every queue before parking (see the class
     * comment): this volatile read-modify-write is the first half of that Dekker pair.
     *
     * @param worker      its index
     * @param isSearching whether it was counted as searching
     */
    void parkWorker(int worker, boolean isSearching) {
        synchronized (this) {
            state.getAndAdd(-((1 << UNPARK_SHIFT) | (isSearching ? 1 : 0)));
            sleepers[sleeperCount++] = worker;
        }
    }

    /**
     * Takes a worker off the sleeper stack if it is on it (it woke for another reason, or
     * shutdown), counting it unparked.
     *
     * @param worker its index
     * @param searching whether to count it as searching
     * @return {@code true} if it was on the stack
     */
    boolean unparkWorkerById(int worker, boolean searching) {
        synchronized (this) {
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == worker) {
                    sleepers[i] = sleepers[--sleeperCount];
                    state.addAndGet((1 << UNPARK_SHIFT) | (searching ? 1 : 0));
                    return true;
                }
            }
            return false;
        }
    }

    /** @return whether the worker is on the sleeper stack (not yet chosen to wake) */
    boolean isParked(int worker) {
        synchronized (this) {
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == worker) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the number of searching workers (diagnostics) */
    int searchingCount() {
        return searching(state.get());
    }

    /** @return the number of workers not parked (diagnostics) */
    int unparkedCount() {
        return unparked(state.get());
    }

    private static int searching(int s) {
        return s & SEARCH_MASK;
    }

    private static int unparked(int s) {
        return s >>> UNPARK_SHIFT;
    }
}
