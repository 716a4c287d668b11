package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/** {@link AsyncStream#collect}: a fold into a {@link Collector}'s container, finished at the end. */
final class CollectFuture<T, A, R> implements Future<R>, AutoCloseable {
    private final FoldFuture<T, A> fold;
    private final Collector<? super T, A, R> collector;

    CollectFuture(AsyncStream<T> stream, Collector<? super T, A, R> collector) {
        this.collector = java.util.Objects.requireNonNull(collector, "collector");
        BiConsumer<A, ? super T> add = collector.accumulator();
        this.fold = new FoldFuture<T, A>(stream, collector.supplier().get(), (a, v) -> {
            add.accept(a, v);
            return a;
        });
    }

    @Override
    public Poll<R> poll(Context cx) {
        Poll<A> p = fold.poll(cx);
        return p instanceof Poll.Ready<A>(A a) ? Poll.ready(collector.finisher().apply(a)) : Poll.pending();
    }

    @Override
    public void close() {
        fold.close();
    }
}
