package dev.weft;

/**
 * The runtime configurations every contract test runs against: the multi-thread runtime with 1, 2
 * and 4 workers, and the current-thread runtime.
 */
enum Flavour {
    MULTI_THREAD_1(1),
    MULTI_THREAD_2(2),
    MULTI_THREAD_4(4),
    CURRENT_THREAD(0);

    private final int workers;

    Flavour(int workers) {
        this.workers = workers;
    }

    /** @return a builder for this flavour, nothing else configured */
    Runtime.Builder builder() {
        return workers == 0
                ? Runtime.builder().flavor(Flavor.CURRENT_THREAD)
                : Runtime.builder().workerThreads(workers);
    }

    /** @return how many tasks can be polled at the same time */
    int parallelism() {
        return workers == 0 ? 1 : workers;
    }

    boolean isCurrentThread() {
        return workers == 0;
    }
}
