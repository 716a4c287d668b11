package dev.weft.testkit;

import dev.weft.Flavor;
import dev.weft.Runtime;

/** The runtime configurations the sync and channel tests run on. */
public enum RuntimeFlavour {
    MULTI_THREAD_2,
    MULTI_THREAD_4,
    CURRENT_THREAD;

    /** @return a new runtime of this flavour */
    public Runtime build() {
        return builder().build();
    }

    /** @return a builder of this flavour, for more configuration (e.g. paused time) */
    public Runtime.Builder builder() {
        return switch (this) {
            case MULTI_THREAD_2 -> Runtime.builder().workerThreads(2);
            case MULTI_THREAD_4 -> Runtime.builder().workerThreads(4);
            case CURRENT_THREAD -> Runtime.builder().flavor(Flavor.CURRENT_THREAD);
        };
    }
}
