/**
 * Channels between tasks: {@link dev.weft.channel.Oneshot} (one value, once),
 * {@link dev.weft.channel.Mpsc} (many senders, one receiver; bounded with back-pressure or
 * unbounded), {@link dev.weft.channel.Broadcast} (every receiver sees every value) and
 * {@link dev.weft.channel.Watch} (the latest value).
 *
 * <p>Outcomes are typed: {@link dev.weft.channel.SendResult} ({@code Sent}, {@code Full},
 * {@code Closed}, {@code TimedOut}, each refusal giving the message back) and
 * {@link dev.weft.channel.RecvResult} ({@code Value}, {@code Empty}, {@code Closed},
 * {@code Lagged}). Messages are never {@code null}. Every receive spends one unit of the task's
 * {@link dev.weft.Budget}, so a task reading from a channel that is never empty still yields.
 */
package dev.weft.channel;
