package dev.weft;

import dev.weft.internal.future.FailedFuture;
import dev.weft.internal.future.JoinAllFuture;
import dev.weft.internal.future.LazyFuture;
import dev.weft.internal.future.NeverFuture;
import dev.weft.internal.future.Ownership;
import dev.weft.internal.future.PollFnFuture;
import dev.weft.internal.future.ReadyFuture;
import dev.weft.internal.future.SelectFuture;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Building blocks and combinators for {@link Future}s: leaf futures ({@link #ready}, {@link #failed},
 * {@link #pending}, {@link #lazy}, {@link #pollFn}), waiting for all ({@link #join}, {@link #joinAll},
 * {@link #tryJoin}, {@link #tryJoinAll}) and waiting for the first ({@link #select},
 * {@link #selectBiased}, {@link #race}). The single-future combinators are default methods of
 * {@link Future}: {@link Future#map map}, {@link Future#then then}, {@link Future#inspect inspect}.
 *
 * <h2>Ownership, closing and cancellation</h2>
 *
 * <p>A combinator owns the futures given to it. When a sub-future <em>finishes</em> (returns
 * {@code Ready} or throws) the combinator closes it at once if it is {@link AutoCloseable}, exactly as
 * the runtime does with a task's future. When a combinator gives up on an unfinished sub-future it
 * <em>cancels</em> it: a {@link JoinHandle} is {@linkplain JoinHandle#abort() aborted}, an
 * {@link AutoCloseable} is closed; any other future is simply dropped. Every combinator is itself
 * {@link AutoCloseable}: closing it (which is what happens when the task running it is cancelled)
 * cancels the sub-futures it still owns, in argument order. If a sub-future's {@code close()} throws,
 * the others are still closed and the first failure propagates with the rest suppressed.
 *
 * <p>Every combinator throws {@link IllegalStateException} if polled after it finished or was
 * closed.
 *
 * <pre>{@code
 * Future<Integer> both = Futures.join(fetchA(), fetchB(), Integer::sum);
 * Future<String> first = Futures.race(primary(), Futures.lazy(() -> "fallback"));
 * int total = runtime.blockOn(both);
 * }</pre>
 */
public final class Futures {

    private Futures() {}

    /**
     * The outcome of a {@link #select}: which branch won, and its value.
     *
     * <pre>{@code
     * switch (runtime.blockOn(Futures.select(work, token.cancelled().map(v -> null)))) {
     *     case Futures.Selected<Object>(int i, Object v) when i == 0 -> handle(v);
     *     case Futures.Selected<Object> s -> shutdown();
     * }
     * }</pre>
     *
     * @param index the position of the winning branch among the arguments
     * @param value the value it produced
     * @param <T>   the value type
     */
    public record Selected<T>(int index, T value) {}

    // ------------------------------------------------------------------------------------ leaves

    /**
     * A future that is ready with {@code value} on its first poll.
     *
     * <pre>{@code
     * Future<String> f = Futures.ready("hi");
     * }</pre>
     *
     * @param value the value, may be {@code null}
     * @param <T>   its type
     * @return a new future; polling it again after it returned throws {@link IllegalStateException}
     */
    public static <T> Future<T> ready(T value) {
        return new ReadyFuture<>(value);
    }

    /**
     * A future that throws {@code error} on its first poll.
     *
     * <pre>{@code
     * Future<Integer> f = Futures.failed(new IllegalArgumentException("bad id"));
     * }</pre>
     *
     * @param error what to throw
     * @param <T>   the value type it never produces
     * @return a new future
     */
    public static <T> Future<T> failed(RuntimeException error) {
        return new FailedFuture<>(error);
    }

    /**
     * A future that is never ready and never registers a waker: a branch that never wins a
     * {@link #select}, or a task that waits only to be aborted. One shared, stateless instance.
     *
     * <pre>{@code
     * Future<String> never = Futures.pending();
     * }</pre>
     *
     * @param <T> the value type it never produces
     * @return the never-ready future
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> pending() {
        return (Future<T>) (Future<?>) NeverFuture.INSTANCE;
    }

    /**
     * A future that calls {@code supplier} on its first poll and is ready with what it returns (or
     * throws what it throws). Nothing runs until the future is polled.
     *
     * <pre>{@code
     * Future<Config> cfg = Futures.lazy(Config::load);   // loads on the worker that polls it
     * }</pre>
     *
     * @param supplier computes the value
     * @param <T>      its type
     * @return a new future
     */
    public static <T> Future<T> lazy(Supplier<? extends T> supplier) {
        return new LazyFuture<>(supplier);
    }

    /**
     * A future whose poll is {@code fn}, guarded so that {@code fn} is never called again once it
     * returned {@code Ready} or threw (a later poll throws {@link IllegalStateException}).
     *
     * <pre>{@code
     * Future<Item> next = Futures.pollFn(cx -> queue.pollItem(cx));
     * }</pre>
     *
     * @param fn  the poll function
     * @param <T> the value type
     * @return a new future
     */
    public static <T> Future<T> pollFn(Future<T> fn) {
        return new PollFnFuture<>(fn);
    }

    // ------------------------------------------------------------------------------------ join

    /**
     * Waits for both futures and combines their values. Both are polled on every poll; neither
     * waits for the other.
     *
     * <p>On failure: the other future still runs to its end; then the first failure is thrown, a
     * second one added as suppressed. On cancellation (closing the join): unfinished futures are
     * cancelled, {@code a} before {@code b}. Use {@link #tryJoin} to stop at the first failure.
     *
     * <pre>{@code
     * Future<Page> page = Futures.join(loadUser(id), loadPosts(id), Page::new);
     * }</pre>
     *
     * @param a        the first future
     * @param b        the second future
     * @param combiner builds the result from both values
     * @param <A>      the first value type
     * @param <B>      the second value type
     * @param <R>      the result type
     * @return the joined future
     */
    public static <A, B, R> Future<R> join(Future<A> a, Future<B> b,
            BiFunction<? super A, ? super B, ? extends R> combiner) {
        return join2(a, b, combiner, false, "Futures.join");
    }

    /**
     * Waits for every future and returns their values in argument order. Polling allocates
     * nothing: the state is two arrays sized once.
     *
     * <p>On failure: the other futures still run to their end; then the first failure is thrown,
     * later ones suppressed. On cancellation: unfinished futures are cancelled in list order.
     *
     * <pre>{@code
     * List<Integer> sizes = runtime.blockOn(Futures.joinAll(files.stream().map(Fs::size).toList()));
     * }</pre>
     *
     * @param futures the futures, owned by the join from now on
     * @param <T>     the value type
     * @return a future of the values, in order (an unmodifiable list that may hold {@code null}s)
     */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new JoinAllFuture<>(futures.toArray(), Futures::<T>asList, false, "Futures.joinAll");
    }

    /**
     * Varargs form of {@link #joinAll(List)}.
     *
     * <pre>{@code
     * List<String> parts = runtime.blockOn(Futures.joinAll(head(), body(), tail()));
     * }</pre>
     *
     * @param futures the futures
     * @param <T>     the value type
     * @return a future of the values, in order
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, never exposed
    public static <T> Future<List<T>> joinAll(Future<? extends T>... futures) {
        return new JoinAllFuture<>(java.util.Arrays.copyOf(futures, futures.length, Object[].class), Futures::<T>asList, false, "Futures.joinAll");
    }

    /**
     * Like {@link #join}, but the first failure ends it: the other future is cancelled and the
     * exception propagates at once.
     *
     * <p>On cancellation: unfinished futures are cancelled, {@code a} before {@code b}.
     *
     * <pre>{@code
     * // if the quota check throws, the upload is cancelled (closed, or aborted if it is a JoinHandle)
     * Future<Receipt> r = Futures.tryJoin(checkQuota(user), upload(file), (q, u) -> u.receipt());
     * }</pre>
     *
     * @param a        the first future
     * @param b        the second future
     * @param combiner builds the result from both values
     * @param <A>      the first value type
     * @param <B>      the second value type
     * @param <R>      the result type
     * @return the joined future
     */
    public static <A, B, R> Future<R> tryJoin(Future<A> a, Future<B> b,
            BiFunction<? super A, ? super B, ? extends R> combiner) {
        return join2(a, b, combiner, true, "Futures.tryJoin");
    }

    /**
     * Like {@link #joinAll(List)}, but the first failure ends it: every other unfinished future is
     * cancelled, in list order, and the exception propagates at once.
     *
     * <p>On cancellation: unfinished futures are cancelled in list order.
     *
     * <pre>{@code
     * List<Row> rows = runtime.blockOn(Futures.tryJoinAll(shards.stream().map(s -> s.query(q)).toList()));
     * }</pre>
     *
     * @param futures the futures, owned by the join from now on
     * @param <T>     the value type
     * @return a future of the values, in order
     */
    public static <T> Future<List<T>> tryJoinAll(List<? extends Future<? extends T>> futures) {
        return new JoinAllFuture<>(futures.toArray(), Futures::<T>asList, true, "Futures.tryJoinAll");
    }

    /**
     * Varargs form of {@link #tryJoinAll(List)}.
     *
     * <pre>{@code
     * List<Integer> xs = runtime.blockOn(Futures.tryJoinAll(a, b, c));
     * }</pre>
     *
     * @param futures the futures
     * @param <T>     the value type
     * @return a future of the values, in order
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, never exposed
    public static <T> Future<List<T>> tryJoinAll(Future<? extends T>... futures) {
        return new JoinAllFuture<>(java.util.Arrays.copyOf(futures, futures.length, Object[].class), Futures::<T>asList, true, "Futures.tryJoinAll");
    }

    // ------------------------------------------------------------------------------------ select

    /**
     * Waits for the first branch to finish. It wins: its value is returned with its index (or its
     * exception thrown), and every other branch is cancelled, in argument order, before that. Each
     * poll starts at a branch chosen at random, so when several are ready together none is starved.
     *
     * <p>Cancel safety: a losing branch is cancelled (closed, or aborted if it is a
     * {@link JoinHandle}); whatever it had done is lost unless the branch itself is cancel-safe
     * (a {@code CancellationToken.cancelled()} future is). On cancellation of the select itself all
     * branches are cancelled in argument order.
     *
     * <pre>{@code
     * Futures.Selected<Msg> s = runtime.blockOn(Futures.select(inbox.recv(), token.cancelled().map(v -> Msg.STOP)));
     * if (s.index() == 1) { cleanUp(); }
     * }</pre>
     *
     * @param branches the branches, at least one
     * @param <T>      the value type
     * @return a future of the winner
     * @throws IllegalArgumentException if there is no branch
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, never exposed
    public static <T> Future<Selected<T>> select(Future<? extends T>... branches) {
        return new SelectFuture<T, Selected<T>>(branches, Selected::new, false, "Futures.select");
    }

    /**
     * List form of {@link #select(Future[])}.
     *
     * <pre>{@code
     * Futures.Selected<Reply> fastest = runtime.blockOn(Futures.select(replicas.stream().map(r -> r.get(key)).toList()));
     * }</pre>
     *
     * @param branches the branches, at least one
     * @param <T>      the value type
     * @return a future of the winner
     */
    public static <T> Future<Selected<T>> select(List<? extends Future<? extends T>> branches) {
        return new SelectFuture<T, Selected<T>>(toArray(branches), Selected::new, false, "Futures.select", false);
    }

    /**
     * Like {@link #select(Future[])}, but every poll tries the branches in argument order, so an
     * earlier branch wins whenever it is ready. Use it to give a branch priority (check the
     * shutdown signal before taking more work) and accept that a later branch may starve.
     *
     * <pre>{@code
     * // cancellation first: never start another job once shutdown was asked for
     * Futures.Selected<Object> s = runtime.blockOn(Futures.selectBiased(token.cancelled(), jobs.next()));
     * }</pre>
     *
     * @param branches the branches, at least one
     * @param <T>      the value type
     * @return a future of the winner
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, never exposed
    public static <T> Future<Selected<T>> selectBiased(Future<? extends T>... branches) {
        return new SelectFuture<T, Selected<T>>(branches, Selected::new, true, "Futures.selectBiased");
    }

    /**
     * Like {@link #select(Future[])} when the index does not matter: the first branch to finish wins
     * and its value is the result (or its exception is thrown); the others are cancelled in
     * argument order. Fair: each poll starts at a random branch.
     *
     * <pre>{@code
     * String page = runtime.blockOn(Futures.race(mirrorA.get(url), mirrorB.get(url)));
     * }</pre>
     *
     * @param branches the branches, at least one
     * @param <T>      the value type
     * @return a future of the winner's value
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, never exposed
    public static <T> Future<T> race(Future<? extends T>... branches) {
        return new SelectFuture<T, T>(branches, (i, v) -> v, false, "Futures.race");
    }

    /**
     * List form of {@link #race(Future[])}.
     *
     * <pre>{@code
     * String page = runtime.blockOn(Futures.race(mirrors.stream().map(m -> m.get(url)).toList()));
     * }</pre>
     *
     * @param branches the branches, at least one
     * @param <T>      the value type
     * @return a future of the winner's value
     */
    public static <T> Future<T> race(List<? extends Future<? extends T>> branches) {
        return new SelectFuture<T, T>(toArray(branches), (i, v) -> v, false, "Futures.race", false);
    }

    // ------------------------------------------------------------------------------------ ownership

    /**
     * Lets go of a sub-future that finished (returned {@code Ready} or threw), the way every
     * combinator does: closes it if it is {@link AutoCloseable}. For hand-written state machines;
     * see {@code docs/state-machines.md}.
     *
     * <pre>{@code
     * if (lookup.poll(cx) instanceof Poll.Ready<Long>(Long id)) {
     *     Futures.release(lookup);
     *     state = new Loading(shop.loadOrders(id));
     * }
     * }</pre>
     *
     * @param future the finished sub-future, or {@code null} (nothing happens)
     * @throws RuntimeException what its {@code close()} threw (a checked exception wrapped)
     */
    public static void release(Future<?> future) {
        Ownership.release(future);
    }

    /**
     * Gives up on a sub-future that has not finished, the way every combinator does: a
     * {@link JoinHandle} is {@linkplain JoinHandle#abort() aborted}, an {@link AutoCloseable} closed,
     * anything else dropped. For the {@code close()} of hand-written state machines.
     *
     * <pre>{@code
     * public void close() {
     *     if (state instanceof Loading(var orders)) { Futures.cancel(orders); }
     *     state = Done.INSTANCE;
     * }
     * }</pre>
     *
     * @param future the unfinished sub-future, or {@code null} (nothing happens)
     * @throws RuntimeException what its {@code close()} threw (a checked exception wrapped)
     */
    public static void cancel(Future<?> future) {
        Ownership.cancel(future);
    }

    // ------------------------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static <A, B, R> Future<R> join2(Future<A> a, Future<B> b,
            BiFunction<? super A, ? super B, ? extends R> combiner, boolean failFast, String name) {
        Objects.requireNonNull(combiner, "combiner");
        return new JoinAllFuture<R>(new Object[] {a, b}, v -> combiner.apply((A) v[0], (B) v[1]), failFast, name);
    }

    private static <T> List<T> asList(Object[] values) {
        return new ValueList<>(values);
    }

    /** The values of a join: an unmodifiable view of the join's array, which nobody writes again. */
    private static final class ValueList<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] values;

        ValueList(Object[] values) {
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Future<? extends T>[] toArray(List<? extends Future<? extends T>> branches) {
        return branches.toArray(new Future[0]);
    }
}
