package dev.weft.internal.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A future that computes its value with a supplier on its first poll ({@code Futures.lazy}).
 *
 * @param <T> the value type
 */
public final class LazyFuture<T> implements Future<T> {

    private Supplier<? extends T> supplier; // null once called

    /** @param supplier called once, on the first poll */
    public LazyFuture(Supplier<? extends T> supplier) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    @Override
    public Poll<T> poll(Context cx) {
        Supplier<? extends T> s = supplier;
        if (s == null) {
            throw Ownership.pollAfterCompletion("Futures.lazy");
        }
        supplier = null; // also when get() throws: the future has completed (by failing)
        return Poll.ready(s.get());
    }
}
