package dev.weft.stream;

/**
 * The step of {@link AsyncStream#foldLong}: a new {@code long} accumulator from the previous one and
 * an item, with neither boxed.
 *
 * <pre>{@code
 * LongFoldFunction<String> addLength = (total, s) -> total + s.length();
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface LongFoldFunction<T> {

    /**
     * @param acc  the accumulator so far
     * @param item the next item
     * @return the new accumulator
     */
    long apply(long acc, T item);
}
