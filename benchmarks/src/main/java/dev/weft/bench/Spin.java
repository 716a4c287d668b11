package dev.weft.bench;

/** Busy-waits without yielding the thread: the "spin 10 µs" of the busy background tasks. */
final class Spin {

    private Spin() {}

    /** @param nanos how long to burn the CPU */
    static void nanos(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
