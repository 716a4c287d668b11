package dev.weft.internal.task;

import java.lang.ref.Cleaner;

/**
 * Reports task failures that nobody joined, through {@link System.Logger}, so that a failure is
 * never silently swallowed.
 *
 * <p>A failed task whose handle is still reachable may be joined later, so it is reported only
 * when its handle is garbage-collected without the failure having been observed (one
 * {@link Cleaner} registration, made only for failures with no joiner waiting at completion). A
 * detached task's failure is reported at once.
 */
final class FailureReporter {

    static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    private FailureReporter() {}

    static void reportNow(Failure f) {
        LOG.log(System.Logger.Level.WARNING, "unjoined " + f.error.getMessage(), f.error.getCause());
    }

    static void reportIfNeverObserved(Object handle, Failure f) {
        Holder.CLEANER.register(handle, () -> {
            if (!f.observed) {
                reportNow(f);
            }
        });
    }

    static void reportCloseFailure(long taskId, Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "close() of the future of task " + taskId + " threw", t);
    }

    /** Lazily created: a JVM that never loses a failure never starts the cleaner thread. */
    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create(r -> {
            Thread t = new Thread(r, "weft-unjoined-failure-reporter");
            t.setDaemon(true);
            return t;
        });
    }
}
