package dev.weft.bench.combinators;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Poll;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Waiting for all of N futures and collecting their values in order: {@code Futures.joinAll}
 * against {@code CompletableFuture.allOf(...).thenApply(collect)}. One operation builds the N
 * futures (in an array, on both sides), joins them and takes the list of values, on the calling thread (no executor: this measures the
 * combinator, not scheduling).
 *
 * <ul>
 *   <li>{@code join_ready}: every future is complete before the join (Weft: {@code Futures.ready};
 *       CF: {@code completedFuture}); the join completes on its first poll / at construction.</li>
 *   <li>{@code join_pending}: every future is incomplete when joined; then each is completed (Weft:
 *       the waker is called; CF: {@code complete} runs the allOf tree's dependents), then the join
 *       is polled again / joined.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JoinBenchmark {

    @Param({"2", "16", "1000"})
    int n;

    /**
     * {@code weft} and {@code cf} join; {@code inputs_only} builds Weft's N input futures and
     * completes them exactly as {@code weft} does, with no join: the floor under any combinator here,
     * in the same run (a join can at best remove the rest of {@code weft}'s time).
     */
    @Param({"weft", "cf", "inputs_only"})
    String impl;

    private final Wakes wakes = new Wakes();
    private Context cx;

    @Setup
    public void setup() {
        cx = new Context(wakes);
    }

    @Benchmark
    public Object join_ready() {
        return switch (impl) {
            case "weft" -> weftReady();
            case "cf" -> cfReady();
            default -> readyInputs();
        };
    }

    @Benchmark
    public Object join_pending() {
        return switch (impl) {
            case "weft" -> weftPending();
            case "cf" -> cfPending();
            default -> pendingInputs();
        };
    }

    @SuppressWarnings("unchecked")
    private Object readyInputs() {
        Future<Integer>[] fs = new Future[n];
        for (int i = 0; i < n; i++) {
            fs[i] = Futures.ready(i);
        }
        return fs;
    }

    private Object pendingInputs() {
        Flip[] fs = new Flip[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new Flip();
        }
        for (int i = 0; i < n; i++) {
            fs[i].complete(i);
        }
        return fs;
    }

    @SuppressWarnings("unchecked")
    private List<Integer> weftReady() {
        Future<Integer>[] fs = new Future[n];
        for (int i = 0; i < n; i++) {
            fs[i] = Futures.ready(i);
        }
        return Futures.joinAll(fs).poll(cx).value();
    }

    private List<Integer> weftPending() {
        Flip[] fs = new Flip[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new Flip();
        }
        Future<List<Integer>> j = Futures.joinAll(fs);
        if (j.poll(cx).isReady()) {
            throw new AssertionError();
        }
        for (int i = 0; i < n; i++) {
            fs[i].complete(i);
        }
        Poll<List<Integer>> p = j.poll(cx);
        return p.value();
    }

    @SuppressWarnings("unchecked")
    private List<Integer> cfReady() {
        CompletableFuture<Integer>[] fs = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            fs[i] = CompletableFuture.completedFuture(i);
        }
        return CompletableFuture.allOf(fs).thenApply(v -> collect(fs)).join();
    }

    @SuppressWarnings("unchecked")
    private List<Integer> cfPending() {
        CompletableFuture<Integer>[] fs = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new CompletableFuture<>();
        }
        CompletableFuture<List<Integer>> all = CompletableFuture.allOf(fs).thenApply(v -> collect(fs));
        for (int i = 0; i < n; i++) {
            fs[i].complete(i);
        }
        return all.join();
    }

    private static List<Integer> collect(CompletableFuture<Integer>[] fs) {
        Integer[] out = new Integer[fs.length];
        for (int i = 0; i < fs.length; i++) {
            out[i] = fs[i].join();
        }
        return Arrays.asList(out);
    }
}
