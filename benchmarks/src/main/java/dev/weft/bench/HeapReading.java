package dev.weft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The retained-heap reading shared by the memory benchmarks (idle timers, idle tasks). */
public final class HeapReading {

    private HeapReading() {}

    /**
     * Runs full GCs until the used heap stops shrinking (by less than 64 KiB), then reads it.
     *
     * @return the settled used heap, in bytes
     * @throws InterruptedException if interrupted between collections
     */
    public static long settledUsedHeap() throws InterruptedException {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long used = mx.getHeapMemoryUsage().getUsed();
            if (last - used < 64 * 1024 && i >= 2) {
                return Math.min(used, last);
            }
            last = Math.min(last, used);
        }
        return last;
    }
}
