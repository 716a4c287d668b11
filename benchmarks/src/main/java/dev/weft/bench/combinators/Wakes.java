package dev.weft.bench.combinators;

import dev.weft.Waker;

/** A waker that only counts, so that waking costs what a real (already-notified) wake costs at least. */
final class Wakes implements Waker {
    int count;

    @Override
    public void wake() {
        count++;
    }
}
