package dev.weft.internal.runtime;

import dev.weft.Context;
import dev.weft.Waker;

/**
 * Lets the runtime reuse and re-target a {@link Context} without giving users a setter. The API
 * class installs the one implementation from its static initializer (the JDK's "shared secrets"
 * pattern), so this package need not be exported.
 */
public abstract class ContextAccess {

    private static volatile ContextAccess instance;

    /**
     * Called once by {@link Context}'s static initializer.
     *
     * @param access the implementation
     */
    public static void install(ContextAccess access) {
        instance = access;
    }

    /** @return the implementation, initialising {@link Context} first if needed */
    public static ContextAccess get() {
        ContextAccess a = instance;
        if (a == null) {
            new Context(dev.weft.Waker.noop()); // runs Context's static initializer
            a = instance;
        }
        return a;
    }

    /** @return a fresh context for a worker thread to reuse */
    public abstract Context newContext();

    /**
     * Points a context at a task before polling it.
     *
     * @param cx     the context
     * @param waker  the task's waker
     * @param budget units the poll may spend
     */
    public abstract void reset(Context cx, Waker waker, int budget);

    /**
     * Forgets the last task after its poll.
     *
     * @param cx the context
     * @return whether the poll asked to yield (a self-wake the harness must turn into a re-queue)
     */
    public abstract boolean clear(Context cx);
}
