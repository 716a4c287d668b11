package dev.weft.stream;

/** {@link AsyncStream#foldLong}: a fold into a primitive {@code long}, boxed once at the end. */
final class FoldLongFuture<T> extends TerminalFuture<T, Long> {
    private long acc;
    private final LongFoldFunction<? super T> fn;

    FoldLongFuture(AsyncStream<T> stream, long init, LongFoldFunction<? super T> fn) {
        super(stream, "AsyncStream.foldLong");
        this.acc = init;
        this.fn = java.util.Objects.requireNonNull(fn, "fn");
    }

    @Override
    public boolean accept(T item) {
        acc = fn.apply(acc, item);
        return true;
    }

    @Override
    Long result() {
        return acc;
    }

    @Override
    void clear() {}
}
