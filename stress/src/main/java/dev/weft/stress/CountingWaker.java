package dev.weft.stress;

import dev.weft.Context;
import dev.weft.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The waker every stress test polls with: it only counts its wakes, so an arbiter can tell "woken
 * exactly once" from "never woken" (a lost wake-up) and "woken twice".
 */
public final class CountingWaker implements Waker {

    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    /** @return how many times {@link #wake()} ran */
    public int wakes() {
        return wakes.get();
    }

    /** @return a context carrying this waker, for polling a future by hand */
    public Context context() {
        return new Context(this);
    }
}
