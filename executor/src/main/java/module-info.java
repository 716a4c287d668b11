/**
 * Weft: an async runtime for Java. Futures are state machines polled with a {@link dev.weft.Context}
 * carrying a {@link dev.weft.Waker}; a {@link dev.weft.Runtime} polls them on work-stealing worker
 * threads.
 *
 * <p>The API packages are exported ({@code dev.weft}, {@code dev.weft.time}, ...);
 * {@code dev.weft.internal.*} holds the scheduler, the task harness, the timer wheel and the
 * blocking pool, free to change.
 */
module dev.weft {
    exports dev.weft;
    exports dev.weft.cancel;
    exports dev.weft.channel;
    exports dev.weft.stream;
    exports dev.weft.sync;
    exports dev.weft.time;
}
