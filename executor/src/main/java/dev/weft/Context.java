package dev.weft;

import dev.weft.internal.runtime.ContextAccess;
import java.util.Objects;

/**
 * What a future receives when polled: the {@link Waker} of the task polling it, and the task's
 * cooperative {@link Budget}.
 *
 * <p>A context is valid only for the duration of one {@code poll} call: keep the waker, never the
 * context. The runtime reuses one context object per worker thread, so polling allocates nothing.
 *
 * <pre>{@code
 * Context cx = new Context(Waker.noop());        // polling by hand, e.g. in a test
 * Poll<Void> p = Task.yieldNow().poll(cx);   // Pending the first time
 * }</pre>
 */
public final class Context {

    static {
        ContextAccess.install(new ContextAccess() {
            @Override
            public Context newContext() {
                return new Context(Waker.noop());
            }

            @Override
            public void reset(Context cx, Waker waker, int budget) {
                cx.waker = waker;
                cx.budget = budget;
                cx.harnessed = true;
            }

            @Override
            public boolean clear(Context cx) {
                // drops the reference so a completed task's memory is not kept alive by a worker
                cx.waker = NoopWaker.INSTANCE;
                cx.budget = Budget.UNCONSTRAINED;
                cx.harnessed = false;
                boolean y = cx.yieldRequested;
                cx.yieldRequested = false;
                return y;
            }
        });
    }

    // All fields are touched only by the thread that is polling with this context.
    private Waker waker;
    int budget;
    private boolean harnessed; // polled by the runtime's task harness, which honours yieldRequested
    private boolean yieldRequested;

    /**
     * Creates a context with an unconstrained budget, for polling a future by hand.
     *
     * @param waker the waker futures should register
     */
    public Context(Waker waker) {
        this.waker = Objects.requireNonNull(waker, "waker");
        this.budget = Budget.UNCONSTRAINED;
    }

    /** @return the waker of the task being polled */
    public Waker waker() {
        return waker;
    }

    /**
     * Asks for the task to be polled again after the work queued before it: the same as waking
     * its own waker during the poll, but the runtime's harness sees the request directly and
     * re-queues the task with one state transition instead of two. Outside the harness (a context
     * made by hand, {@code blockOn}) it is an ordinary wake.
     */
    void requestYield() {
        if (harnessed) {
            yieldRequested = true;
        } else {
            waker.wake();
        }
    }

    @Override
    public String toString() {
        return "Context[waker=" + waker + ", budget=" + (budget < 0 ? "unconstrained" : budget) + "]";
    }
}
