package dev.weft.internal.task;

import java.io.Serial;

/**
 * Carries a checked exception out of {@code poll} (for example from a blocking {@code Callable});
 * the task harness unwraps it, so joiners see the original exception as the cause.
 */
public final class CheckedFailure extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param cause the checked exception */
    public CheckedFailure(Exception cause) {
        super(cause.toString(), cause, false, false);
    }
}
