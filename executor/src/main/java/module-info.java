/**
 * Weft: an async runtime for Java. Futures are state machines polled with a {@link dev.weft.Context}
 * carrying a {@link dev.weft.Waker}; a {@link dev.weft.Runtime} polls them on work-stealing worker
 * threads.
 *
 * <p>Only {@code dev.weft} is exported; {@code dev.weft.internal.*} holds the scheduler, the task
 * harness and the blocking pool, free to change.
 */
module dev.weft {
    exports dev.weft;
}
