package dev.weft;

/** How a {@link Runtime} runs its tasks. */
public enum Flavor {
    /** A pool of worker threads with work stealing (the default). */
    MULTI_THREAD,
    /** No threads of its own: tasks run on the thread inside {@link Runtime#blockOn(Future)}. */
    CURRENT_THREAD
}
