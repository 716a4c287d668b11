/**
 * Stress tests of {@code dev.weft.internal.time}: a {@code TimeDriver} on a paused {@code Clock},
 * driven by hand (the firer is whoever calls {@code process()}), and one termination test on a
 * real runtime.
 *
 * <ul>
 *   <li>Cancel vs fire: exactly one wins; the waker is woken iff the timer fired.</li>
 *   <li>Reset later / reset earlier vs fire: the entry never fires before its current deadline
 *       (a fire at the old deadline is only a wake: the owner's clock check decides), and fires
 *       exactly once at the new one.</li>
 *   <li>Arm (a re-poll publishing a new waker) vs fire: the new waker is woken, or the poller saw
 *       FIRED and re-registered; never a lost wake.</li>
 *   <li>Termination: a worker parked in the driver until a 1-hour deadline wakes when a 1 ms timer
 *       is registered from outside the runtime.</li>
 * </ul>
 */
package dev.weft.stress.time;
