package dev.weft.internal.task;

import dev.weft.JoinError;

/**
 * The stored outcome of a task that produced no value. Distinct from any user value, so a task may
 * even return a {@link JoinError} as its result.
 */
final class Failure {

    final JoinError error;

    /**
     * Set once a joiner has seen the error; read by the unjoined-failure report.
     * Volatile: the report runs on another thread after the handle is collected.
     */
    volatile boolean observed;

    Failure(JoinError error, boolean needsObserving) {
        this.error = error;
        this.observed = !needsObserving;
    }
}
