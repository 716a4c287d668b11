package dev.weft.internal.future;

/**
 * Builds a select's result from the winning branch's index and value, without boxing the index.
 *
 * @param <T> the branches' value type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Winner<T, R> {
    /**
     * @param index the winning branch
     * @param value its value
     * @return the select's result
     */
    R apply(int index, T value);
}
