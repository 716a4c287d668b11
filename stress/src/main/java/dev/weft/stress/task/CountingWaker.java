package dev.weft.stress.task;

import dev.weft.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A joiner's waker that only counts its wakes. */
final class CountingWaker implements Waker {

    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    int wakes() {
        return wakes.get();
    }
}
