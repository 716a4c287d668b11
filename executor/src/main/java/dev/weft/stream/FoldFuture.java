package dev.weft.stream;

import java.util.function.BiFunction;

/** {@link AsyncStream#fold} (and {@code forEach}, {@code collect}): {@code acc = fn(acc, item)}. */
final class FoldFuture<T, R> extends TerminalFuture<T, R> {
    private R acc;
    private final BiFunction<R, ? super T, R> fn;

    FoldFuture(AsyncStream<T> stream, R init, BiFunction<R, ? super T, R> fn) {
        super(stream, "AsyncStream.fold");
        this.acc = init;
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    public boolean accept(T item) {
        acc = fn.apply(acc, item);
        return true;
    }

    @Override
    R result() {
        R a = acc;
        acc = null;
        return a;
    }

    @Override
    void clear() {
        acc = null;
    }
}
