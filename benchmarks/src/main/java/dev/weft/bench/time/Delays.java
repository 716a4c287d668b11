package dev.weft.bench.time;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Deterministic spread delays shared by every implementation of a workload, so that each one files
 * exactly the same deadlines in the same (random) order.
 */
final class Delays {

    private Delays() {}

    /**
     * @param n        how many
     * @param minNanos smallest delay
     * @param maxNanos largest delay
     * @param seed     the random seed (fixed per workload)
     * @return {@code n} delays uniformly spread over {@code [minNanos, maxNanos]}, in random order
     */
    static long[] uniform(int n, long minNanos, long maxNanos, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextLong(minNanos, maxNanos + 1);
        }
        return out;
    }

    /** @return the same delays as {@link Duration}s, made once so no workload pays for them per timer */
    static Duration[] durations(long[] nanos) {
        Duration[] out = new Duration[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            out[i] = Duration.ofNanos(nanos[i]);
        }
        return out;
    }

    static long millis(long ms) {
        return ms * 1_000_000L;
    }
}
