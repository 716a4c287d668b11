package dev.weft;

import dev.weft.internal.future.InspectFuture;
import dev.weft.internal.future.MapFuture;
import dev.weft.internal.future.ThenFuture;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * <p>The default methods {@link #map}, {@link #then} and {@link #inspect} build combinators; more
 * are in {@link Futures}. A combinator owns the futures it wraps: it closes each when it finishes
 * and cancels (closes) those still running when the combinator itself is closed.
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

    /**
     * Returns a future that applies {@code fn} to this future's value. This future is closed (if
     * {@link AutoCloseable}) as soon as it finishes, before {@code fn} runs.
     *
     * <p>On failure: what this future threw, or what {@code fn} threw, propagates. On cancellation
     * (closing the returned future): this future is cancelled if it has not finished.
     *
     * <pre>{@code
     * Future<Integer> length = fetch(url).map(String::length);
     * }</pre>
     *
     * @param fn  applied to the value
     * @param <U> the new value type
     * @return the mapped future
     */
    default <U> Future<U> map(Function<? super T, ? extends U> fn) {
        return new MapFuture<>(this, fn);
    }

    /**
     * Returns a future that awaits this one, passes its value to {@code fn}, and awaits the future
     * {@code fn} returns (a flat map: the second step of a sequential async computation). This
     * future is closed as soon as it finishes, before {@code fn} runs.
     *
     * <p>On failure: what this future, {@code fn} or the second future threw propagates, and the
     * second step never starts if the first failed. On cancellation: whichever of the two is
     * running is cancelled.
     *
     * <pre>{@code
     * Future<Profile> p = lookupId(name).then(id -> loadProfile(id));
     * }</pre>
     *
     * @param fn  given the value, returns the next future (never {@code null})
     * @param <U> the next future's value type
     * @return the chained future
     */
    default <U> Future<U> then(Function<? super T, ? extends Future<? extends U>> fn) {
        return new ThenFuture<>(this, fn);
    }

    /**
     * Returns a future that passes this future's value to {@code action} and then yields it
     * unchanged; for logging and metrics.
     *
     * <p>On failure: what this future or {@code action} threw propagates. On cancellation: this
     * future is cancelled if it has not finished.
     *
     * <pre>{@code
     * Future<Reply> r = call(req).inspect(reply -> log.debug("got {}", reply));
     * }</pre>
     *
     * @param action given the value
     * @return the inspecting future
     */
    default Future<T> inspect(Consumer<? super T> action) {
        return new InspectFuture<>(this, action);
    }

    /**
     * Bounds this future in time: the returned future completes like this one, or fails with
     * {@link dev.weft.time.Elapsed} once {@code limit} has passed, after cancelling (closing) this
     * future. Shorthand for {@link dev.weft.time.Time#timeout(java.time.Duration, Future)}; must be
     * polled inside a runtime.
     *
     * <pre>{@code
     * String page = runtime.blockOn(fetch(url).timeout(Duration.ofSeconds(2)));   // or Elapsed
     * }</pre>
     *
     * @param limit the time limit, from now (or from the first poll if created outside a runtime)
     * @return the bounded future
     */
    default Future<T> timeout(java.time.Duration limit) {
        return dev.weft.time.Time.timeout(limit, this);
    }
}
