package dev.weft.sync;

/**
 * What {@link Barrier#await()} completes with: whether this task was the barrier's leader for the
 * generation it took part in. Exactly one task per generation is the leader: the one whose arrival
 * completed it. Use it to elect one task for follow-up work.
 *
 * <pre>{@code
 * BarrierWaitResult r = runtime.blockOn(barrier.await());
 * if (r.isLeader()) {
 *     publishRoundResults();
 * }
 * }</pre>
 *
 * @param isLeader whether this task's arrival completed the generation
 */
public record BarrierWaitResult(boolean isLeader) {

    static final BarrierWaitResult LEADER = new BarrierWaitResult(true);
    static final BarrierWaitResult FOLLOWER = new BarrierWaitResult(false);
}
