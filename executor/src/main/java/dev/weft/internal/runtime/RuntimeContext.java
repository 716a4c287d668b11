package dev.weft.internal.runtime;

/**
 * Which runtime the current thread belongs to, for {@code Handle.current()} and for refusing a
 * nested {@code blockOn}.
 *
 * <p>Runtime threads are {@link RuntimeThread}s and carry their runtime in a field, so the hot
 * lookup from a task (spawn from a worker) costs a type check, not a thread-local lookup. Other
 * threads (inside {@code blockOn}) use a thread-local frame.
 */
public final class RuntimeContext {

    private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();

    /** What a thread entered: the runtime, and whether the thread is driving it. */
    public record Frame(Scheduler scheduler, boolean driving) {}

    private RuntimeContext() {}

    /** @return the runtime of the current thread, or {@code null} outside any runtime */
    public static Scheduler current() {
        if (Thread.currentThread() instanceof RuntimeThread t) {
            return t.scheduler();
        }
        Frame f = FRAME.get();
        return f == null ? null : f.scheduler();
    }

    /**
     * @return whether the current thread drives a runtime (a worker, or inside {@code blockOn}),
     *     where blocking on another future would stall the tasks it waits for
     */
    public static boolean isDriving() {
        if (Thread.currentThread() instanceof RuntimeThread t && t.drivesTasks()) {
            return true;
        }
        Frame f = FRAME.get();
        return f != null && f.driving();
    }

    /**
     * Enters a runtime on the current thread.
     *
     * @param scheduler the runtime
     * @param driving   whether the thread now drives it
     * @return the previous frame, to pass to {@link #exit(Frame)}
     */
    public static Frame enter(Scheduler scheduler, boolean driving) {
        Frame prev = FRAME.get();
        FRAME.set(new Frame(scheduler, driving));
        return prev;
    }

    /**
     * Restores the frame that {@link #enter} replaced.
     *
     * @param prev what {@code enter} returned
     */
    public static void exit(Frame prev) {
        if (prev == null) {
            FRAME.remove();
        } else {
            FRAME.set(prev);
        }
    }
}
