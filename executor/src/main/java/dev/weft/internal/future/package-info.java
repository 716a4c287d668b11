/**
 * The combinator implementations behind {@link dev.weft.Futures} and the default methods of
 * {@link dev.weft.Future}: one small state machine per class. Not exported.
 *
 * <p>Shared rules, stated once here:
 *
 * <ul>
 *   <li>A combinator owns its sub-futures. A finished sub-future is released at once
 *       ({@link dev.weft.internal.future.Ownership#release}); unfinished ones are cancelled
 *       ({@link dev.weft.internal.future.Ownership#cancel}) when the combinator gives up on them
 *       or is closed, in argument order.</li>
 *   <li>A combinator polled after it finished, threw or was closed throws
 *       {@link java.lang.IllegalStateException}.</li>
 *   <li>State lives in fields sized at construction; polling allocates nothing except the final
 *       {@code Poll.Ready} (and what the user's functions allocate).</li>
 *   <li>None of these classes is thread-safe: a future is polled by one task at a time, and the
 *       runtime's waker provides the happens-before between polls on different threads.</li>
 * </ul>
 */
package dev.weft.internal.future;
