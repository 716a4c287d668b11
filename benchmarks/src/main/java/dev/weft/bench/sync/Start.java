package dev.weft.bench.sync;

import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.Runtime;
import java.util.function.IntFunction;

/**
 * Starts the tasks of one operation the same way for every implementation: a root task (Weft) or
 * root virtual thread spawns them from inside the scheduler, as Tokio's benches do from
 * {@code block_on}, so the spawns are local ones.
 */
final class Start {

    /** A virtual thread's body; an exception fails the operation. */
    @FunctionalInterface
    interface Body {
        void run(int index) throws Exception;
    }

    private Start() {}

    /**
     * @param rt   the runtime
     * @param n    how many tasks
     * @param task the {@code i}-th task
     */
    static void weft(Runtime rt, int n, IntFunction<Future<?>> task) {
        rt.spawn(cx -> {
            Handle h = Handle.current();
            for (int i = 0; i < n; i++) {
                h.spawn(task.apply(i));
            }
            return Poll.ready(null);
        });
    }

    /**
     * @param n    how many virtual threads
     * @param body the {@code i}-th thread's code
     * @param done failed with the exception if a body throws
     */
    static void vthreads(int n, Body body, Done done) {
        Thread.startVirtualThread(() -> {
            for (int i = 0; i < n; i++) {
                int index = i;
                Thread.startVirtualThread(() -> run(body, index, done));
            }
        });
    }

    /** Runs a body on the current thread, turning an exception into a failed operation. */
    static void run(Body body, int index, Done done) {
        try {
            body.run(index);
        } catch (Exception e) {
            done.fail("thread " + index + " threw " + e);
        }
    }
}
