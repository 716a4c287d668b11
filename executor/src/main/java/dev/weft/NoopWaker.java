package dev.weft;

/** The waker that does nothing ({@link Waker#noop()}). */
enum NoopWaker implements Waker {
    INSTANCE;

    @Override
    public void wake() {}
}
