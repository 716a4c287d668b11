package dev.weft.internal.runtime;

/**
 * A thread the runtime started: a worker or a blocking-pool thread. Knows its runtime, so that
 * {@code Handle.current()} needs no thread-local lookup.
 */
public class RuntimeThread extends Thread {

    private final Scheduler scheduler;
    private final boolean drivesTasks;

    /**
     * @param scheduler   the runtime
     * @param drivesTasks whether this thread polls tasks (a worker) or not (a blocking thread)
     * @param body        what the thread runs
     * @param name        its name
     */
    public RuntimeThread(Scheduler scheduler, boolean drivesTasks, Runnable body, String name) {
        super(null, body, name);
        this.scheduler = scheduler;
        this.drivesTasks = drivesTasks;
        setDaemon(true);
    }

    /** @return the runtime this thread belongs to */
    public final Scheduler scheduler() {
        return scheduler;
    }

    /** @return whether this thread polls tasks */
    public final boolean drivesTasks() {
        return drivesTasks;
    }
}
