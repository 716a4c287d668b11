package dev.weft.time;

/**
 * What an {@link Interval} does when ticks were missed (its task was busy or descheduled past one
 * or more periods). Example with a 10 ms period, ticks due at 10, 20, 30 and the task back at 35:
 */
public enum MissedTickBehavior {
    /** Fire the missed ticks back to back (30 at once, then 40, 50...): keeps the count of ticks. */
    BURST,
    /** Restart the schedule from now (next at 45, 55...): keeps the gap between ticks. */
    DELAY,
    /** Skip to the next tick of the original schedule (next at 40, 50...): keeps the phase. */
    SKIP
}
