/**
 * Stress tests of {@code dev.weft.internal.scheduler}: the worker's bounded run queue against its
 * thieves, the inject queue, and the workers' parking protocol.
 *
 * <ul>
 *   <li>{@code LocalQueue*}: owner pop vs steal (one and two tasks), steal vs steal, push across the
 *       ring's wrap-around vs steal, overflow into the inject queue vs steal. Capacity 4, so that
 *       wrap-around and overflow are a push or two away. Each task must be taken exactly once;
 *       the arbiter drains whatever is left ({@link dev.weft.stress.scheduler.QueueFixtures}).</li>
 *   <li>{@code InjectQueue*}: push vs pop and batch push vs pop (no loss, no duplicate, FIFO),
 *       push vs the parking re-check ({@code isEmpty} after an announce: the Dekker pair), and
 *       {@code isEmpty} after a partial pop.</li>
 *   <li>{@code WorkerParkVsSpawn*}: termination tests through the public {@code Runtime}: a spawn
 *       from outside while the only worker (or both workers) goes back to sleep must run.</li>
 * </ul>
 *
 * <p>Every test has at most two actors (+ arbiter or signal): the CI machines have two CPUs, and
 * jcstress silently skips tests with more actors than CPUs.
 */
package dev.weft.stress.scheduler;
