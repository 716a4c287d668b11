/**
 * Stress tests of {@code dev.weft.internal.task}: the task state word and the harness around it
 * ({@code RawTask}), driven by hand with a {@link dev.weft.stress.task.RecordingSchedule} that
 * counts queue entries instead of running them. The arbiter then plays the worker for every entry.
 *
 * <ul>
 *   <li>Wakes: wake vs wake (one entry), wake vs completion (shutdown of an idle task; the
 *       completing poll of a queued one), wake during a poll (re-polled exactly once, as a yield),
 *       a self-wake vs an outside wake, and the happens-before edge from a wake to the poll it is
 *       folded into.</li>
 *   <li>Abort vs a completing poll and vs a Pending poll: value or cancelled, {@code close()}
 *       exactly once, never lost.</li>
 *   <li>Join: registering (and swapping) the join waker vs completion: Ready at once or woken
 *       exactly once, never Pending and forgotten.</li>
 * </ul>
 */
package dev.weft.stress.task;
