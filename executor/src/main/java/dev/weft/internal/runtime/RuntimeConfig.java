package dev.weft.internal.runtime;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A validated runtime configuration, as built by {@code Runtime.Builder}.
 *
 * @param multiThread          work-stealing pool ({@code true}) or current-thread runtime
 * @param workers              worker threads (1 for current-thread)
 * @param workerNames          names worker threads
 * @param blockingNames        names blocking-pool threads
 * @param onThreadStart        runs first on every runtime thread, or {@code null}
 * @param onThreadStop         runs last on every runtime thread, or {@code null}
 * @param onThreadPark         runs on a worker before it parks, or {@code null}
 * @param onThreadUnpark       runs on a worker after it unparks, or {@code null}
 * @param globalQueueInterval  ticks between forced checks of the inject queue
 * @param eventInterval        ticks between maintenance passes (shutdown, drivers)
 * @param maxBlockingThreads   cap on the blocking pool
 * @param threadKeepAlive      how long an idle blocking thread lives
 * @param localQueueCapacity   slots in each worker's run queue (a power of two)
 * @param startPaused          whether the runtime's clock starts paused (tests)
 */
public record RuntimeConfig(
        boolean multiThread,
        int workers,
        Supplier<String> workerNames,
        Supplier<String> blockingNames,
        Runnable onThreadStart,
        Runnable onThreadStop,
        Runnable onThreadPark,
        Runnable onThreadUnpark,
        int globalQueueInterval,
        int eventInterval,
        int maxBlockingThreads,
        Duration threadKeepAlive,
        int localQueueCapacity,
        boolean startPaused) {

    /**
     * Runs a thread lifecycle hook if present; a hook that throws is reported, never allowed to
     * kill the thread.
     *
     * @param hook the hook, or {@code null}
     */
    public static void runHook(Runnable hook) {
        if (hook != null) {
            try {
                hook.run();
            } catch (Throwable t) {
                System.getLogger("dev.weft.runtime").log(System.Logger.Level.WARNING, "a thread lifecycle hook threw", t);
            }
        }
    }
}
