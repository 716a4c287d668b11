package dev.weft.testkit;

import dev.weft.Future;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Runtime;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded chaos for conservation tests: runs many tasks, bounds some of their waits with random
 * timeouts and aborts a random share of the tasks, then joins everything. What survives is for
 * the caller to check.
 */
public final class Chaos {
    private Chaos() {}

    /**
     * Bounds {@code f} with a random timeout (sometimes none) whose expiry is turned into
     * {@code null}: the waiter gave up, as a task racing a deadline would.
     */
    public static <T> Future<T> maybeTimeout(Random rnd, Future<T> f) {
        int ms = rnd.nextInt(4);
        if (ms == 0) {
            return f;
        }
        return new GiveUp<>(Time.timeout(Duration.ofMillis(ms), f));
    }

    /** Bounds {@code f} with a random 1..3 ms timeout whose expiry becomes {@code null}. */
    public static <T> Future<T> timeout(Random rnd, Future<T> f) {
        return new GiveUp<>(Time.timeout(Duration.ofMillis(1 + rnd.nextInt(3)), f));
    }

    /**
     * Spawns {@code tasks} tasks built by {@code body}, aborts roughly {@code abortShare} of them
     * at once, and joins all. Only aborts may fail a task.
     *
     * @return the outcome of each task: its value, or {@code null} if aborted
     */
    public static <T> List<T> run(Runtime rt, Random rnd, int tasks, double abortShare,
            Function<Integer, Future<T>> body) {
        List<JoinHandle<T>> hs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            hs.add(rt.spawn(body.apply(i)));
        }
        for (JoinHandle<T> h : hs) {
            if (rnd.nextDouble() < abortShare) {
                h.abort();
            }
        }
        List<T> out = new ArrayList<>();
        for (JoinHandle<T> h : hs) {
            try {
                out.add(rt.blockOn(h));
            } catch (JoinError e) {
                if (!e.isCancelled()) {
                    throw e;
                }
                out.add(null);
            }
        }
        return out;
    }

    private static final class GiveUp<T> implements Future<T>, AutoCloseable {
        private final Future<T> inner;

        GiveUp(Future<T> inner) {
            this.inner = inner;
        }

        @Override
        public dev.weft.Poll<T> poll(dev.weft.Context cx) {
            try {
                return inner.poll(cx);
            } catch (Elapsed e) {
                return dev.weft.Poll.ready(null);
            }
        }

        @Override
        public void close() throws Exception {
            ((AutoCloseable) inner).close();
        }
    }
}
