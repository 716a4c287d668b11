package dev.weft;

import dev.weft.internal.future.Ownership;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A group of spawned tasks whose results are collected in the order they finish. Closing the set
 * aborts every task still in it, so a try-with-resources block bounds the tasks' lifetime.
 *
 * <pre>{@code
 * try (JoinSet<Integer> set = new JoinSet<>(runtime.handle())) {
 *     for (String url : urls) {
 *         set.spawn(fetchLength(url));
 *     }
 *     int total = 0;
 *     while (runtime.blockOn(set.joinNext()) instanceof JoinSet.Next.Ok<Integer>(long id, Integer len)) {
 *         total += len;
 *     }
 * }   // anything still running (after a failure, say) is aborted here
 * }</pre>
 *
 * <p>A set is used by one task (or thread) at a time, like a collection; the tasks themselves run
 * anywhere. Memory effects: everything a task did happens-before {@link #joinNext()} returns its
 * outcome.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Each task's future is wrapped in a {@link Tracked} whose {@code close()}, which the runtime
 * calls exactly once when it lets go of the future (completed, failed, aborted or shut down),
 * pushes the task's {@link Entry} onto {@link Completions#finished} and wakes the joiner. So
 * {@code joinNext()} never scans the set: it takes the next finished entry and polls that one
 * handle (which may still be completing; it then wakes the joiner itself). The queue and the joiner
 * waker form a Dekker pair, both sides volatile: the joiner stores its waker, then re-reads the
 * queue; a finishing task appends to the queue, then reads the waker. One of them sees the other.
 *
 * @param <T> the tasks' result type
 */
public final class JoinSet<T> implements AutoCloseable {

    private final Handle handle; // null: Handle.current() at each spawn
    private final Completions<T> completions = new Completions<>();
    private final Set<Entry<T>> tasks = new HashSet<>(); // owner only: spawned and not yet joined
    private Entry<T> inFlight; // owner only: taken from the queue, its handle not yet ready

    /**
     * A set whose tasks go to the runtime of the thread that calls {@link #spawn}.
     *
     * <pre>{@code
     * JoinSet<Void> set = new JoinSet<>();     // then, inside a task: set.spawn(job)
     * }</pre>
     */
    public JoinSet() {
        this.handle = null;
    }

    /**
     * A set whose tasks go to the given runtime.
     *
     * <pre>{@code
     * JoinSet<String> set = new JoinSet<>(runtime.handle());
     * }</pre>
     *
     * @param handle where to spawn
     */
    public JoinSet(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /**
     * What {@link #joinNext()} produces: the value of a task, its error, or the news that the set is
     * empty.
     *
     * <pre>{@code
     * switch (runtime.blockOn(set.joinNext())) {
     *     case JoinSet.Next.Ok<String>(long id, String v) -> use(v);
     *     case JoinSet.Next.Err<String>(JoinError e) -> log(e);
     *     case JoinSet.Next.Empty<String>() -> done = true;
     * }
     * }</pre>
     *
     * @param <T> the tasks' result type
     */
    public sealed interface Next<T> {
        /**
         * A task completed.
         *
         * @param taskId its {@link JoinHandle#id() id}
         * @param value  its result
         * @param <T>    the result type
         */
        record Ok<T>(long taskId, T value) implements Next<T> {}

        /**
         * A task failed or was aborted.
         *
         * @param error why; {@link JoinError#isCancelled()} tells an abort from a failure
         * @param <T>   the result type
         */
        record Err<T>(JoinError error) implements Next<T> {}

        /**
         * The set holds no task.
         *
         * @param <T> the result type
         */
        record Empty<T>() implements Next<T> {}
    }

    /**
     * Spawns a task into the set.
     *
     * <pre>{@code
     * long id = set.spawn(Futures.lazy(() -> compute(x)));
     * }</pre>
     *
     * @param future the task's future
     * @return the task's id
     * @throws IllegalStateException if this set has no handle and the caller is outside a runtime
     * @throws java.util.concurrent.RejectedExecutionException if the runtime has shut down
     */
    public long spawn(Future<? extends T> future) {
        Objects.requireNonNull(future, "future");
        Handle h = handle != null ? handle : Handle.current();
        Entry<T> e = new Entry<>();
        e.handle = h.spawn(new Tracked<T>(future, e, completions));
        tasks.add(e);
        return e.handle.id();
    }

    /**
     * Returns a future of the next task to finish: {@link Next.Ok} with its value, {@link Next.Err}
     * if it failed or was aborted, or {@link Next.Empty} at once if the set holds no task. The task
     * leaves the set.
     *
     * <p>Cancel safety: cancel-safe. If the returned future is dropped or closed before it is ready,
     * no outcome is lost: the next {@code joinNext()} returns it.
     *
     * <pre>{@code
     * while (runtime.blockOn(set.joinNext()) instanceof JoinSet.Next.Ok<Integer>(long id, Integer v)) {
     *     sum += v;
     * }
     * }</pre>
     *
     * @return a new future; polling it after it returned throws {@link IllegalStateException}
     */
    public Future<Next<T>> joinNext() {
        return new JoinNext();
    }

    /**
     * Aborts every task in the set. They stay in the set: {@code joinNext()} reports each as a
     * cancelled {@link Next.Err} (or as {@link Next.Ok} if it completed before the abort took hold).
     *
     * <pre>{@code
     * if (failed) { set.abortAll(); }
     * }</pre>
     */
    public void abortAll() {
        for (Entry<T> e : tasks) {
            e.handle.abort();
        }
    }

    /** @return the number of tasks spawned and not yet returned by {@code joinNext()} */
    public int size() {
        return tasks.size();
    }

    /** @return whether {@link #size()} is 0 */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /**
     * Aborts every task in the set and forgets them: their outcomes are discarded, and nothing is
     * reported for them. Idempotent.
     *
     * <pre>{@code
     * try (JoinSet<Void> set = new JoinSet<>(rt.handle())) { ... }   // close() aborts the rest
     * }</pre>
     */
    @Override
    public void close() {
        for (Entry<T> e : tasks) {
            e.handle.abort();
            e.handle.detach();
        }
        tasks.clear();
        inFlight = null;
        completions.finished.clear();
    }

    // ----------------------------------------------------------------------------------- joining

    /** Polls {@link #next(Context)} until the set says it is done; one per call to joinNext(). */
    private final class JoinNext implements Future<Next<T>> {
        private boolean done;

        @Override
        public Poll<Next<T>> poll(Context cx) {
            if (done) {
                throw Ownership.pollAfterCompletion("JoinSet.joinNext");
            }
            Poll<Next<T>> p = next(cx);
            done = p.isReady();
            return p;
        }
    }

    private Poll<Next<T>> next(Context cx) {
        Entry<T> e = inFlight;
        while (e == null) {
            e = completions.finished.poll();
            if (e == null) {
                if (tasks.isEmpty()) {
                    return Poll.ready(new Next.Empty<>());
                }
                completions.setJoiner(cx.waker());
                e = completions.finished.poll(); // re-check after announcing: see the overview
                if (e == null) {
                    return Poll.pending();
                }
            }
            if (!tasks.contains(e)) {
                e = null; // a task from before close(), finishing late: not ours any more
            }
        }
        inFlight = e;
        Next<T> out;
        try {
            Poll<T> p = e.handle.poll(cx);
            if (!(p instanceof Poll.Ready<T> r)) {
                return Poll.pending(); // the handle wakes us when the task's completion is published
            }
            out = new Next.Ok<>(e.handle.id(), r.value());
        } catch (JoinError err) {
            out = new Next.Err<>(err);
        }
        inFlight = null;
        tasks.remove(e);
        return Poll.ready(out);
    }

    // ----------------------------------------------------------------------------------- tracking

    /** One spawned task of the set. */
    private static final class Entry<T> {
        JoinHandle<T> handle; // owner only: set right after spawn, before the owner can see the entry queued
    }

    /** The finished queue and the joiner's waker, shared with the tasks. */
    private static final class Completions<T> {
        final ConcurrentLinkedQueue<Entry<T>> finished = new ConcurrentLinkedQueue<>();
        // written by the owner (volatile store, then re-reads finished); read by finishing tasks
        // after their offer to finished (volatile load). Dekker pair, see the overview.
        private volatile Waker joiner;

        void setJoiner(Waker w) {
            Waker cur = joiner;
            if (cur == null || !cur.willWake(w)) {
                joiner = w;
            } else {
                joiner = cur; // still a volatile store: the re-check of finished must come after a store
            }
        }

        void finished(Entry<T> e) {
            finished.offer(e);
            Waker w = joiner;
            if (w != null) {
                w.wake();
            }
        }
    }

    /** The task's future, reporting to the set when the runtime lets go of it. */
    private static final class Tracked<T> implements Future<T>, AutoCloseable {
        private final Future<? extends T> inner;
        private final Entry<T> entry;
        private final Completions<T> completions;

        Tracked(Future<? extends T> inner, Entry<T> entry, Completions<T> completions) {
            this.inner = inner;
            this.entry = entry;
            this.completions = completions;
        }

        @Override
        @SuppressWarnings("unchecked") // a Poll is read-only, so Poll<? extends T> is a Poll<T>
        public Poll<T> poll(Context cx) {
            return (Poll<T>) inner.poll(cx);
        }

        @Override
        public void close() {
            try {
                Ownership.release(inner);
            } finally {
                completions.finished(entry);
            }
        }
    }
}
