package dev.weft.future;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.StreamPoll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Controllable futures and streams, and a hand-polling context, shared by the combinator tests. */
public final class Probes {

    private Probes() {}

    /** A waker that counts its wakes. */
    public static final class CountingWaker implements Waker {
        public final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** An ordered, thread-safe record of events ("closed a", ...). */
    public static final class Log {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        public void add(String e) {
            events.add(e);
        }

        public List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }

    /**
     * A future that is pending until {@link #complete} or {@link #fail}; counts polls, logs its
     * close, and wakes the last registered waker when opened. Thread-safe.
     */
    public static final class Gate<T> implements Future<T>, AutoCloseable {
        private final String name;
        private final Log log;
        private Waker waker;
        private boolean ready;
        private T value;
        private RuntimeException error;
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicInteger closes = new AtomicInteger();

        public Gate(String name, Log log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public synchronized Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            if (error != null) {
                throw error;
            }
            if (ready) {
                return Poll.ready(value);
            }
            waker = cx.waker();
            return Poll.pending();
        }

        public void complete(T v) {
            Waker w;
            synchronized (this) {
                value = v;
                ready = true;
                w = waker;
            }
            if (w != null) {
                w.wake();
            }
        }

        public void fail(RuntimeException e) {
            Waker w;
            synchronized (this) {
                error = e;
                w = waker;
            }
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (log != null) {
                log.add("closed " + name);
            }
        }
    }

    /** A future ready with {@code value} on its first poll that logs its close. */
    public static <T> Gate<T> readyGate(String name, Log log, T value) {
        Gate<T> g = new Gate<>(name, log);
        g.complete(value);
        return g;
    }

    /** A stream over a list that counts polls and logs its close. */
    public static final class TrackedSource<T> implements AsyncStream<T> {
        private final Iterator<T> it;
        private final String name;
        private final Log log;
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicInteger closes = new AtomicInteger();

        public TrackedSource(String name, Log log, List<T> items) {
            this.it = items.iterator();
            this.name = name;
            this.log = log;
        }

        @Override
        public StreamPoll<T> pollNext(Context cx) {
            polls.incrementAndGet();
            return it.hasNext() ? StreamPoll.item(it.next()) : StreamPoll.end();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (log != null) {
                log.add("closed " + name);
            }
        }
    }

    /** Polls a future by hand until it is ready, at most {@code max} times. */
    public static <T> T pollToEnd(Future<T> f, int max) {
        Context cx = new Context(Waker.noop());
        for (int i = 0; i < max; i++) {
            if (f.poll(cx) instanceof Poll.Ready<T> r) {
                return r.value();
            }
        }
        throw new AssertionError("not ready after " + max + " polls");
    }

    /** A context with a no-op waker. */
    public static Context cx() {
        return new Context(Waker.noop());
    }
}
