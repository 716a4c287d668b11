package dev.weft.stress.task;

import dev.weft.Context;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Poll;

/** One poll of a {@link JoinHandle}, reduced to a number for the outcome tables. */
final class Join {

    /** The handle returned Pending (and registered the context's waker). */
    static final int PENDING = 0;
    /** The handle returned the probe's value. */
    static final int VALUE = 1;
    /** The handle threw a cancellation {@link JoinError}. */
    static final int CANCELLED = 2;
    /** Anything else: another value, another failure. */
    static final int OTHER = 3;

    private Join() {}

    static int poll(JoinHandle<String> handle, Context cx) {
        try {
            Poll<String> p = handle.poll(cx);
            if (!p.isReady()) {
                return PENDING;
            }
            return Probe.DONE.equals(p.value()) ? VALUE : OTHER;
        } catch (JoinError e) {
            return e.isCancelled() ? CANCELLED : OTHER;
        }
    }
}
