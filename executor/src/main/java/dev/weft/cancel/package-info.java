/**
 * Cooperative cancellation: {@link dev.weft.cancel.CancellationToken}, a tree of one-shot signals
 * that tasks await with {@code cancelled()} (usually as one branch of a
 * {@link dev.weft.Futures#select select}) and that any thread can fire with {@code cancel()}.
 *
 * <p>See {@code docs/cancellation.md} for the graceful-shutdown pattern.
 */
package dev.weft.cancel;
