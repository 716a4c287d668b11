package dev.weft;

/**
 * An asynchronous computation, written as a state machine that the runtime polls.
 *
 * <p>{@link #poll(Context)} either returns {@link Poll#ready(Object) Ready} with the result, or
 * returns {@link Poll#pending() Pending} after arranging for {@code cx.waker()} to be woken when it
 * is worth polling again. It must never block the thread. A future that fails throws from
 * {@code poll}; checked exceptions are wrapped (for example in
 * {@link java.io.UncheckedIOException}). A future is polled by one thread at a time and must not be
 * polled again after it returned {@code Ready} or threw.
 *
 * <p>If a future also implements {@link AutoCloseable}, the runtime calls {@code close()} exactly
 * once when it lets go of the future: after completion, on cancellation, or at shutdown. This is
 * where a future releases what it holds (Rust's {@code Drop}).
 *
 * <pre>{@code
 * // Counts down, yielding to other tasks between steps.
 * final class Countdown implements Future<String> {
 *     private int left = 3;
 *     public Poll<String> poll(Context cx) {
 *         if (left-- > 0) {
 *             cx.waker().wake();          // ready to go on right away: ask for another poll
 *             return Poll.pending();
 *         }
 *         return Poll.ready("liftoff");
 *     }
 * }
 * String s = runtime.blockOn(new Countdown());
 * }</pre>
 *
 * <p>This interface is unrelated to {@link java.util.concurrent.Future}: nothing blocks on it.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface Future<T> {

    /**
     * Attempts to make progress.
     *
     * @param cx the context of this poll, carrying the waker to register
     * @return {@code Ready} with the result, or {@code Pending} with the waker registered
     */
    Poll<T> poll(Context cx);
}
