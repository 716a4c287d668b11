package dev.weft.bench.combinators;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;

/**
 * The cheapest future that is really pending: the first poll stores the waker and returns
 * {@code Pending}; {@link #complete} stores the value and wakes; the next poll is ready. The Weft
 * side of the "pending" workloads, playing the part an incomplete {@code CompletableFuture} plays
 * on the baseline side.
 */
final class Flip implements Future<Integer> {
    private Waker waker;
    private Integer value;

    @Override
    public Poll<Integer> poll(Context cx) {
        Integer v = value;
        if (v != null) {
            return Poll.ready(v);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    void complete(Integer v) {
        value = v;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
