package dev.weft.testkit;

import dev.weft.Context;
import dev.weft.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, for polling futures by hand. */
public final class CountingWaker implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    /** @return how many times {@link #wake()} was called */
    public int wakes() {
        return wakes.get();
    }

    /** @return a fresh context carrying this waker (unconstrained budget) */
    public Context cx() {
        return new Context(this);
    }
}
