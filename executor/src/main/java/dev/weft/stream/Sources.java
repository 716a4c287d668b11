package dev.weft.stream;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.future.Ownership;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The sources behind {@link AsyncStream}'s static factories. The always-ready ones spend one unit
 * of the task's {@link Budget} per item, so a long pipeline over them lets other tasks run.
 */
final class Sources {

    private Sources() {}

    /** A {@link Cursor#pull} result as a {@link StreamPoll}. */
    @SuppressWarnings("unchecked")
    static <T> StreamPoll<T> wrap(Object o) {
        if (o == Cursor.PENDING) {
            return StreamPoll.pending();
        }
        if (o == Cursor.END) {
            return StreamPoll.end();
        }
        return StreamPoll.item((T) o);
    }

    static IllegalStateException pollAfterEnd(String what) {
        return new IllegalStateException(what + " polled after End: a stream must not be polled again after it ended");
    }

    /** {@link AsyncStream#fromIterable}. */
    static final class FromIterator<T> implements AsyncStream<T>, Cursor<T> {
        private Iterator<? extends T> it; // null once ended or closed

        FromIterator(Iterator<? extends T> it) {
            this.it = it;
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            Iterator<? extends T> i = it;
            if (i == null) {
                throw pollAfterEnd("AsyncStream.fromIterable");
            }
            if (!i.hasNext()) {
                it = null;
                return StreamPoll.end();
            }
            if (!Budget.proceed(cx)) {
                return StreamPoll.pending(); // out of budget: the task was re-woken, yield
            }
            return StreamPoll.item(i.next());
        }

        @Override
        public Object pull(Context cx) { // pollNext without the Item
            Iterator<? extends T> i = it;
            if (i == null) {
                throw pollAfterEnd("AsyncStream.fromIterable");
            }
            if (!i.hasNext()) {
                it = null;
                return Cursor.END;
            }
            if (!Budget.proceed(cx)) {
                return Cursor.PENDING;
            }
            return java.util.Objects.requireNonNull(i.next(), "stream items must not be null");
        }

        @Override
        public Object drain(Context cx, Sink<? super T> sink) { // the loop the whole pipeline runs in
            Iterator<? extends T> i = it;
            if (i == null) {
                throw pollAfterEnd("AsyncStream.fromIterable");
            }
            boolean more = i.hasNext(); // asked once per item plus once at the end, as a for-each loop would
            // One unit per item as ever, but paid once for the whole run (see FromList.drain).
            int allowed = Budget.remaining(cx);
            int done = 0;
            try {
                while (more && done < allowed) {
                    done++;
                    if (!sink.accept(java.util.Objects.requireNonNull(i.next(), "stream items must not be null"))) {
                        return Cursor.STOPPED;
                    }
                    more = i.hasNext();
                }
            } finally {
                Budget.spend(cx, done);
            }
            if (more) {
                Budget.proceed(cx); // spent, with items left: requests the yield
                return Cursor.PENDING;
            }
            it = null;
            return Cursor.END;
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public void close() {
            it = null;
        }
    }

    /**
     * {@link AsyncStream#fromIterable} over a {@link java.util.RandomAccess} list, read by index as
     * {@code ArrayList}'s own spliterator does: a drain keeps the position in a local variable
     * instead of advancing an iterator object field by field per item (17% faster per item on the
     * map/filter/foldLong benchmark, same run). The list must not change while it is streamed; a
     * change of its size is reported as {@link ConcurrentModificationException} at the next poll,
     * where its iterator would have thrown on the next item.
     */
    static final class FromList<T> implements AsyncStream<T>, Cursor<T> {
        private List<? extends T> list; // null once ended or closed
        private final int size;
        private int index;

        FromList(List<? extends T> list) {
            this.list = list;
            this.size = list.size();
        }

        /** The list, checked: not ended, and still of the size it had when the stream was made. */
        private List<? extends T> enter() {
            List<? extends T> l = list;
            if (l == null) {
                throw pollAfterEnd("AsyncStream.fromIterable");
            }
            if (l.size() != size) {
                list = null;
                throw new ConcurrentModificationException("the list given to AsyncStream.fromIterable changed size from "
                        + size + " to " + l.size() + " while it was streamed");
            }
            return l;
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            return wrap(pull(cx));
        }

        @Override
        public Object pull(Context cx) {
            List<? extends T> l = enter();
            if (index == size) {
                list = null;
                return Cursor.END;
            }
            if (!Budget.proceed(cx)) {
                return Cursor.PENDING;
            }
            return java.util.Objects.requireNonNull(l.get(index++), "stream items must not be null");
        }

        @Override
        public Object drain(Context cx, Sink<? super T> sink) { // the loop the whole pipeline runs in
            List<? extends T> l = enter();
            int i = index;
            int n = size;
            // One unit per item as ever, but paid once for the whole run: the loop below then reads
            // no Context field at all, which is what lets it run at a plain loop's pace.
            int allowed = Budget.remaining(cx);
            int start = i;
            int end = n - i <= allowed ? n : i + allowed;
            try {
                while (i < end) {
                    T v = java.util.Objects.requireNonNull(l.get(i++), "stream items must not be null");
                    if (!sink.accept(v)) {
                        index = i;
                        return Cursor.STOPPED;
                    }
                }
            } finally {
                Budget.spend(cx, i - start);
            }
            if (i < n) {
                Budget.proceed(cx); // spent, with items left: requests the yield
                index = i;
                return Cursor.PENDING;
            }
            index = i;
            enter(); // a change of size during this drain
            list = null;
            return Cursor.END;
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public void close() {
            list = null;
        }
    }

    /** {@link AsyncStream#iterate}. */
    static final class Iterate<T> implements AsyncStream<T>, Cursor<T> {
        private T next;
        private final UnaryOperator<T> fn;
        private boolean closed;

        Iterate(T seed, UnaryOperator<T> fn) {
            this.next = java.util.Objects.requireNonNull(seed, "seed");
            this.fn = java.util.Objects.requireNonNull(fn, "fn");
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            if (closed) {
                throw pollAfterEnd("AsyncStream.iterate");
            }
            if (!Budget.proceed(cx)) {
                return StreamPoll.pending();
            }
            T v = next;
            next = fn.apply(v);
            return StreamPoll.item(v);
        }

        @Override
        public Object pull(Context cx) { // pollNext without the Item
            if (closed) {
                throw pollAfterEnd("AsyncStream.iterate");
            }
            if (!Budget.proceed(cx)) {
                return Cursor.PENDING;
            }
            T v = next;
            next = fn.apply(v);
            return java.util.Objects.requireNonNull(v, "stream items must not be null");
        }

        @Override
        public Object drain(Context cx, Sink<? super T> sink) {
            if (closed) {
                throw pollAfterEnd("AsyncStream.iterate");
            }
            while (Budget.proceed(cx)) {
                T v = next;
                next = fn.apply(v);
                if (!sink.accept(java.util.Objects.requireNonNull(v, "stream items must not be null"))) {
                    return Cursor.STOPPED;
                }
            }
            return Cursor.PENDING;
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public void close() {
            closed = true;
            next = null;
        }
    }

    /** {@link AsyncStream#fromFuture} and {@link AsyncStream#once}: one item, then End. */
    static final class FromFuture<T> implements AsyncStream<T>, Cursor<T> {
        private Future<? extends T> future; // null once it produced its item, or closed
        private boolean ended;

        FromFuture(Future<? extends T> future) {
            this.future = java.util.Objects.requireNonNull(future, "future");
        }

        @Override
        @SuppressWarnings("unchecked")
        public StreamPoll<T> pollNext(Context cx) {
            return wrap(pull(cx));
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public Object pull(Context cx) {
            Future<? extends T> f = future;
            if (f == null) {
                if (ended) {
                    throw pollAfterEnd("AsyncStream.fromFuture");
                }
                ended = true;
                return Cursor.END;
            }
            Poll<? extends T> p;
            try {
                p = f.poll(cx);
            } catch (Throwable t) {
                future = null;
                ended = true;
                throw Ownership.releaseAfterFailure(f, t);
            }
            if (p instanceof Poll.Ready<? extends T>(T v)) {
                future = null;
                Ownership.release(f);
                return java.util.Objects.requireNonNull(v, "stream items must not be null");
            }
            return Cursor.PENDING;
        }

        @Override
        public void close() {
            Future<? extends T> f = future;
            future = null;
            ended = true;
            Ownership.cancel(f);
        }
    }

    /** {@link AsyncStream#unfold}: state to future of (item, next state), until a null step. */
    static final class Unfold<T, S> implements AsyncStream<T>, Cursor<T> {
        private S state;
        private final Function<? super S, ? extends Future<AsyncStream.Step<T, S>>> fn;
        private Future<AsyncStream.Step<T, S>> current; // the step being computed, or null
        private boolean ended;

        Unfold(S seed, Function<? super S, ? extends Future<AsyncStream.Step<T, S>>> fn) {
            this.state = seed;
            this.fn = java.util.Objects.requireNonNull(fn, "fn");
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            return wrap(pull(cx));
        }

        @Override
        public boolean fused() {
            return true;
        }

        @Override
        public Object pull(Context cx) {
            if (ended) {
                throw pollAfterEnd("AsyncStream.unfold");
            }
            Future<AsyncStream.Step<T, S>> f = current;
            if (f == null) {
                f = current = java.util.Objects.requireNonNull(fn.apply(state), "unfold: fn returned null");
                state = null;
            }
            Poll<AsyncStream.Step<T, S>> p;
            try {
                p = f.poll(cx);
            } catch (Throwable t) {
                current = null;
                ended = true;
                throw Ownership.releaseAfterFailure(f, t);
            }
            if (!(p instanceof Poll.Ready<AsyncStream.Step<T, S>>(AsyncStream.Step<T, S> step))) {
                return Cursor.PENDING;
            }
            current = null;
            Ownership.release(f);
            if (step == null) {
                ended = true;
                return Cursor.END;
            }
            state = step.next();
            return java.util.Objects.requireNonNull(step.item(), "stream items must not be null");
        }

        @Override
        public void close() {
            Future<AsyncStream.Step<T, S>> f = current;
            current = null;
            state = null;
            ended = true;
            Ownership.cancel(f);
        }
    }

    /** {@link AsyncStream#empty}. */
    static final class Empty<T> implements AsyncStream<T>, Cursor<T> {
        private boolean ended;

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            return wrap(pull(cx));
        }

        @Override
        public Object pull(Context cx) {
            if (ended) {
                throw pollAfterEnd("AsyncStream.empty");
            }
            ended = true;
            return Cursor.END;
        }

        @Override
        public boolean fused() {
            return true;
        }
    }
}
