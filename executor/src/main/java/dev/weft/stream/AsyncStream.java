package dev.weft.stream;

import dev.weft.Context;
import dev.weft.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collector;

/**
 * An asynchronous sequence of items: the async counterpart of {@link java.util.Iterator}, polled
 * like a {@link Future}. {@link #pollNext(Context)} returns the next {@link StreamPoll.Item item},
 * {@link StreamPoll.Pending Pending} after registering the context's waker, or
 * {@link StreamPoll.End End}. Items are never {@code null}. A stream is polled by one task at a
 * time and must not be polled again after {@code End} (Weft's streams throw
 * {@link IllegalStateException}).
 *
 * <pre>{@code
 * long evens = runtime.blockOn(
 *         AsyncStream.fromIterable(List.of(1, 2, 3, 4, 5, 6))
 *                 .map(x -> x * 10)
 *                 .filter(x -> x % 20 == 0)
 *                 .fold(0L, (sum, x) -> sum + x));        // 120
 * }</pre>
 *
 * <h2>Ownership and closing</h2>
 *
 * <p>A stream is {@link AutoCloseable} ({@link #close()} does nothing by default). An adapter owns
 * its upstream: it closes it exactly once, when the upstream ends, when the adapter ends early
 * ({@link #take}, {@link #takeWhile}, {@link #zip}), when the adapter throws, or when the adapter is
 * closed, whichever comes first. Adapters that hold futures ({@link #then}, {@link #buffered},
 * {@link #bufferUnordered}, {@link #forEachConcurrent}) cancel them first, then close the upstream.
 * A consumer ({@link #fold}, {@link #foldLong}, {@link #collect}, {@link #forEach}, {@link #forEachConcurrent}) is a
 * future that owns the stream the same way; closing it (cancelling its task) closes the stream.
 *
 * <p>The sources that are always ready ({@link #fromIterable}, {@link #iterate}) spend the task's
 * cooperative {@link dev.weft.Budget budget} per item, so a long pipeline yields to other tasks.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncStream<T> extends AutoCloseable {

    /**
     * Attempts to produce the next item.
     *
     * @param cx the context of this poll, carrying the waker to register
     * @return the next item, {@code Pending} with the waker registered, or {@code End}
     */
    StreamPoll<T> pollNext(Context cx);

    /**
     * Releases what the stream holds. Idempotent; the stream must not be polled afterwards. The
     * default does nothing.
     */
    @Override
    default void close() {}

    // ------------------------------------------------------------------------------------ sources

    /**
     * A stream of the iterable's items, in iteration order; always ready.
     *
     * <pre>{@code
     * AsyncStream<String> s = AsyncStream.fromIterable(List.of("a", "b"));
     * }</pre>
     *
     * <p>The iterable must not be modified while the stream runs. Its iterator is taken now and
     * advanced as the stream is polled; a {@link java.util.RandomAccess} list (such as
     * {@code ArrayList} or {@code List.of(...)}) is read by index instead, which is faster, and a
     * change of its size is reported as {@link java.util.ConcurrentModificationException}.
     *
     * @param items the items
     * @param <T>   the item type
     * @return a new stream
     */
    static <T> AsyncStream<T> fromIterable(Iterable<? extends T> items) {
        if (items instanceof List<? extends T> list && items instanceof java.util.RandomAccess) {
            return new Sources.FromList<>(list);
        }
        return new Sources.FromIterator<>(java.util.Objects.requireNonNull(items, "items").iterator());
    }

    /**
     * The ticks of an {@link dev.weft.time.Interval} as an endless stream (the instant of each tick,
     * the missed-tick behaviour the interval was given). Closing the stream closes the interval.
     * Needs a runtime.
     *
     * <pre>{@code
     * runtime.blockOn(AsyncStream.interval(Time.interval(Duration.ofSeconds(1))).take(5).forEach(t -> report()));
     * }</pre>
     *
     * @param interval the interval, owned by the stream from now on
     * @return a new stream
     */
    static AsyncStream<dev.weft.time.Instant> interval(dev.weft.time.Interval interval) {
        return new IntervalStream(interval);
    }

    /**
     * A stream of one item: the future's value. Closing it before then cancels the future.
     *
     * <pre>{@code
     * AsyncStream<Config> s = AsyncStream.fromFuture(loadConfig());
     * }</pre>
     *
     * @param future the future
     * @param <T>    the item type
     * @return a new stream
     */
    static <T> AsyncStream<T> fromFuture(Future<? extends T> future) {
        return new Sources.FromFuture<>(future);
    }

    /**
     * An endless stream {@code seed, fn(seed), fn(fn(seed)), ...}; always ready. Bound it with
     * {@link #take} or {@link #takeWhile}.
     *
     * <pre>{@code
     * AsyncStream<Integer> powers = AsyncStream.iterate(1, x -> x * 2).take(10);
     * }</pre>
     *
     * @param seed the first item
     * @param fn   computes each next item from the previous one
     * @param <T>  the item type
     * @return a new stream
     */
    static <T> AsyncStream<T> iterate(T seed, UnaryOperator<T> fn) {
        return new Sources.Iterate<>(seed, fn);
    }

    /**
     * One step of {@link #unfold}: an item, and the state to compute the next step from.
     *
     * @param item the item to yield
     * @param next the next state
     * @param <T>  the item type
     * @param <S>  the state type
     */
    record Step<T, S>(T item, S next) {}

    /**
     * A stream computed step by step from a state, asynchronously: {@code fn(state)} returns a future
     * of the next {@link Step}, or of {@code null} to end the stream. One step runs at a time.
     * Closing cancels the step in progress.
     *
     * <pre>{@code
     * // pages of a paginated API, following each page's cursor
     * AsyncStream<Page> pages = AsyncStream.unfold(firstCursor,
     *         cursor -> cursor == null ? Futures.ready(null)
     *                                  : api.fetch(cursor).map(p -> new AsyncStream.Step<>(p, p.nextCursor())));
     * }</pre>
     *
     * @param seed the first state
     * @param fn   computes the next step
     * @param <T>  the item type
     * @param <S>  the state type
     * @return a new stream
     */
    static <T, S> AsyncStream<T> unfold(S seed, Function<? super S, ? extends Future<Step<T, S>>> fn) {
        return new Sources.Unfold<>(seed, fn);
    }

    /**
     * A stream that ends at once.
     *
     * <pre>{@code
     * AsyncStream<String> none = AsyncStream.empty();
     * }</pre>
     *
     * @param <T> the item type
     * @return a new stream
     */
    static <T> AsyncStream<T> empty() {
        return new Sources.Empty<>();
    }

    /**
     * A stream of exactly one item.
     *
     * <pre>{@code
     * AsyncStream<String> greeting = AsyncStream.once("hello").chain(rest);
     * }</pre>
     *
     * @param item the item
     * @param <T>  the item type
     * @return a new stream
     */
    static <T> AsyncStream<T> once(T item) {
        return new Sources.FromFuture<>(new dev.weft.internal.future.ReadyFuture<>(java.util.Objects.requireNonNull(item, "item")));
    }

    // ------------------------------------------------------------------------------------ adapters

    /**
     * Applies {@code fn} to each item.
     *
     * <pre>{@code
     * AsyncStream<Integer> lengths = lines.map(String::length);
     * }</pre>
     *
     * @param fn  the mapping, which must not return {@code null}
     * @param <U> the new item type
     * @return the mapped stream, owning this one
     */
    default <U> AsyncStream<U> map(Function<? super T, ? extends U> fn) {
        return new MapStream<>(this, fn);
    }

    /**
     * Keeps the items {@code keep} accepts.
     *
     * <pre>{@code
     * AsyncStream<String> nonEmpty = lines.filter(s -> !s.isBlank());
     * }</pre>
     *
     * @param keep the test
     * @return the filtered stream, owning this one
     */
    default AsyncStream<T> filter(Predicate<? super T> keep) {
        return new FilterStream<>(this, keep);
    }

    /**
     * Maps each item to an optional item and keeps the present ones.
     *
     * <pre>{@code
     * AsyncStream<Integer> numbers = words.filterMap(w -> w.matches("\\d+") ? Optional.of(Integer.valueOf(w)) : Optional.empty());
     * }</pre>
     *
     * @param fn  the mapping
     * @param <U> the new item type
     * @return the stream, owning this one
     */
    default <U> AsyncStream<U> filterMap(Function<? super T, Optional<? extends U>> fn) {
        return new FilterMapStream<>(this, fn);
    }

    /**
     * Asynchronous map: turns each item into a future and yields its value, one item at a time, in
     * order (use {@link #buffered} over {@code map(fn)} to run several at once).
     *
     * <p>On failure of a future: it propagates and the upstream is closed. On close: the running
     * future is cancelled, then the upstream closed; the item it was working on is lost.
     *
     * <pre>{@code
     * AsyncStream<User> users = ids.then(id -> db.loadUser(id));
     * }</pre>
     *
     * @param fn  returns the future for an item
     * @param <U> the new item type
     * @return the stream, owning this one
     */
    default <U> AsyncStream<U> then(Function<? super T, ? extends Future<? extends U>> fn) {
        return new ThenStream<>(this, fn);
    }

    /**
     * The first {@code n} items; then ends and closes this stream without polling it again.
     *
     * <pre>{@code
     * AsyncStream<Event> firstTen = events.take(10);
     * }</pre>
     *
     * @param n how many items, at least 0
     * @return the stream, owning this one
     */
    default AsyncStream<T> take(long n) {
        return new TakeStream<>(this, n);
    }

    /**
     * Items while {@code keepGoing} accepts them; the first rejected item is dropped and ends the
     * stream, which closes this one.
     *
     * <pre>{@code
     * AsyncStream<Line> header = lines.takeWhile(l -> !l.isBlank());
     * }</pre>
     *
     * @param keepGoing the test
     * @return the stream, owning this one
     */
    default AsyncStream<T> takeWhile(Predicate<? super T> keepGoing) {
        return new TakeWhileStream<>(this, keepGoing);
    }

    /**
     * Drops the first {@code n} items.
     *
     * <pre>{@code
     * AsyncStream<Row> body = rows.skip(1);      // no header
     * }</pre>
     *
     * @param n how many, at least 0
     * @return the stream, owning this one
     */
    default AsyncStream<T> skip(long n) {
        return new SkipStream<>(this, n);
    }

    /**
     * Every item of this stream, then every item of {@code next}. This stream is closed when it
     * ends; closing the chain closes this stream (if still open), then {@code next}.
     *
     * <pre>{@code
     * AsyncStream<Msg> all = backlog.chain(live);
     * }</pre>
     *
     * @param next the stream to continue with
     * @return the stream, owning both
     */
    default AsyncStream<T> chain(AsyncStream<? extends T> next) {
        return new ChainStream<>(this, next);
    }

    /**
     * Pairs the n-th item of this stream with the n-th of {@code other}. Ends when either ends; an
     * item already taken from this stream and waiting for its partner is then dropped. Both streams
     * are closed at the end or on close, this one first.
     *
     * <pre>{@code
     * AsyncStream<String> labelled = names.zip(AsyncStream.iterate(1, i -> i + 1), (n, i) -> i + ". " + n);
     * }</pre>
     *
     * @param other    the other stream
     * @param combiner builds an item from a pair
     * @param <U>      the other item type
     * @param <R>      the new item type
     * @return the stream, owning both
     */
    default <U, R> AsyncStream<R> zip(AsyncStream<U> other, BiFunction<? super T, ? super U, ? extends R> combiner) {
        return new ZipStream<>(this, other, combiner);
    }

    /**
     * Items of this stream and {@code other} as they come, alternating which is asked first so
     * neither starves. Ends when both have ended; each is closed when it ends; closing the merge
     * closes this stream, then {@code other}.
     *
     * <pre>{@code
     * AsyncStream<Event> events = clicks.merge(keys);
     * }</pre>
     *
     * @param other the other stream
     * @return the stream, owning both
     */
    default AsyncStream<T> merge(AsyncStream<? extends T> other) {
        return new MergeStream<>(this, other);
    }

    /**
     * Groups items into lists of {@code size}; the last list may be shorter. A partly filled list is
     * lost if the stream is closed before it is yielded.
     *
     * <pre>{@code
     * AsyncStream<List<Row>> batches = rows.chunks(500);
     * }</pre>
     *
     * @param size the list size, at least 1
     * @return the stream, owning this one
     */
    default AsyncStream<List<T>> chunks(int size) {
        return new ChunksStream<>(this, size);
    }

    /**
     * Like {@link #chunks}, but a partly filled list is also yielded once {@code maxWait} has passed
     * since its first item arrived: batches for throughput, with a bound on latency. Needs a runtime
     * (the wait runs on its timer). A partly filled list is lost if the stream is closed.
     *
     * <pre>{@code
     * AsyncStream<List<Metric>> batches = metrics.chunksTimeout(1_000, Duration.ofMillis(50));
     * }</pre>
     *
     * @param size    the maximum list size, at least 1
     * @param maxWait how long the first item of a list may wait for the list to be yielded
     * @return the stream, owning this one
     */
    default AsyncStream<List<T>> chunksTimeout(int size, java.time.Duration maxWait) {
        return new ChunksTimeoutStream<>(this, size, maxWait);
    }

    /**
     * Lets at most one item through per {@code period}: after each item, the next is not pulled from
     * this stream until {@code period} has passed. Needs a runtime. Closing cancels the wait, then
     * closes this stream.
     *
     * <pre>{@code
     * AsyncStream<Request> paced = requests.throttle(Duration.ofMillis(10));   // <= 100 per second
     * }</pre>
     *
     * @param period the minimum time between items
     * @return the stream, owning this one
     */
    default AsyncStream<T> throttle(java.time.Duration period) {
        return new ThrottleStream<>(this, period);
    }

    /**
     * Fails with {@link dev.weft.time.Elapsed} if an item takes longer than {@code limit} to arrive
     * (measured from the poll that starts waiting for it); the stream then ends and this stream is
     * closed. Needs a runtime.
     *
     * <p>Cancel safety: an item is taken from this stream only by the poll that returns it, so the
     * deadline never loses an item.
     *
     * <pre>{@code
     * AsyncStream<Tick> live = heartbeats.timeout(Duration.ofSeconds(5));  // silence is an error
     * }</pre>
     *
     * @param limit how long each item may take
     * @return the stream, owning this one
     */
    default AsyncStream<T> timeout(java.time.Duration limit) {
        return new TimeoutStream<>(this, limit);
    }

    /**
     * Runs up to {@code limit} of the stream's futures at once and yields their values in stream
     * order. On failure of a future: the others are cancelled (stream order), the upstream closed,
     * the exception propagates. On close: the same, without the exception.
     *
     * <pre>{@code
     * AsyncStream<Page> pages = AsyncStream.buffered(urls.map(http::get), 8);
     * }</pre>
     *
     * @param futures a stream of futures
     * @param limit   how many run at once, at least 1
     * @param <T>     the value type
     * @return the stream of values, owning {@code futures}
     */
    @SuppressWarnings("unchecked")
    static <T> AsyncStream<T> buffered(AsyncStream<? extends Future<? extends T>> futures, int limit) {
        return new BufferedStream<>((AsyncStream<Future<? extends T>>) futures, limit, true);
    }

    /**
     * Like {@link #buffered}, but yields each value as soon as its future finishes, whatever the
     * stream order.
     *
     * <pre>{@code
     * AsyncStream<Page> pages = AsyncStream.bufferUnordered(urls.map(http::get), 8);
     * }</pre>
     *
     * @param futures a stream of futures
     * @param limit   how many run at once, at least 1
     * @param <T>     the value type
     * @return the stream of values, owning {@code futures}
     */
    @SuppressWarnings("unchecked")
    static <T> AsyncStream<T> bufferUnordered(AsyncStream<? extends Future<? extends T>> futures, int limit) {
        return new BufferedStream<>((AsyncStream<Future<? extends T>>) futures, limit, false);
    }

    // ------------------------------------------------------------------------------------ consumers

    /**
     * A future of the next item, or of {@link Optional#empty()} at the end (after which the stream
     * must not be polled again). Borrows the stream: the future never closes it.
     *
     * <p>Cancel safety: cancel-safe. If the future is dropped before it is ready, no item has been
     * taken; an item is taken only in the poll that returns it.
     *
     * <pre>{@code
     * while (runtime.blockOn(jobs.next()) instanceof Optional<Job> o && o.isPresent()) {
     *     run(o.get());
     * }
     * }</pre>
     *
     * @return a new future
     */
    default Future<Optional<T>> next() {
        return new NextFuture<>(this);
    }

    /**
     * Folds every item into an accumulator: {@code acc = fn(acc, item)}, starting from
     * {@code init}. The stream is closed at its end; closing the future closes the stream.
     *
     * <pre>{@code
     * long total = runtime.blockOn(sizes.fold(0L, Long::sum));
     * }</pre>
     *
     * @param init the initial accumulator
     * @param fn   the folding function
     * @param <R>  the accumulator type
     * @return a future of the final accumulator
     */
    default <R> Future<R> fold(R init, BiFunction<R, ? super T, R> fn) {
        return new FoldFuture<>(this, init, fn);
    }

    /**
     * Folds every item into a primitive {@code long}: {@code acc = fn(acc, item)}, starting from
     * {@code init}, without boxing the accumulator per item as {@link #fold} must (the result is
     * boxed once, at the end). The stream is closed at its end; closing the future closes the
     * stream.
     *
     * <pre>{@code
     * long bytes = runtime.blockOn(files.foldLong(0L, (total, f) -> total + f.size()));
     * }</pre>
     *
     * @param init the initial accumulator
     * @param fn   the folding function
     * @return a future of the final accumulator
     */
    default Future<Long> foldLong(long init, LongFoldFunction<? super T> fn) {
        return new FoldLongFuture<>(this, init, fn);
    }

    /**
     * Collects every item with a {@link java.util.stream.Collector}, as
     * {@link java.util.stream.Stream#collect} does (sequentially; the combiner is unused).
     *
     * <pre>{@code
     * List<String> all = runtime.blockOn(lines.collect(Collectors.toList()));
     * }</pre>
     *
     * @param collector the collector
     * @param <A>       its container type
     * @param <R>       its result type
     * @return a future of the result
     */
    default <A, R> Future<R> collect(Collector<? super T, A, R> collector) {
        return new CollectFuture<>(this, collector);
    }

    /**
     * Passes every item to {@code action}; completes at the end of the stream.
     *
     * <pre>{@code
     * runtime.blockOn(events.forEach(System.out::println));
     * }</pre>
     *
     * @param action given each item
     * @return a future of {@code null}
     */
    default Future<Void> forEach(Consumer<? super T> action) {
        java.util.Objects.requireNonNull(action, "action");
        return new FoldFuture<T, Void>(this, null, (a, v) -> {
            action.accept(v);
            return null;
        });
    }

    /**
     * Runs {@code fn(item)} for up to {@code limit} items at once; completes when the stream has
     * ended and every future has finished.
     *
     * <p>On failure of a future: the other running futures are cancelled, the stream is closed and
     * the exception propagates. On close (cancellation): the running futures are cancelled, then the
     * stream closed.
     *
     * <pre>{@code
     * runtime.blockOn(connections.forEachConcurrent(100, conn -> serve(conn)));
     * }</pre>
     *
     * @param limit how many run at once, at least 1
     * @param fn    returns the future for an item
     * @return a future of {@code null}
     */
    default Future<Void> forEachConcurrent(int limit, Function<? super T, ? extends Future<?>> fn) {
        return new ForEachConcurrentFuture<>(this, limit, fn);
    }
}
