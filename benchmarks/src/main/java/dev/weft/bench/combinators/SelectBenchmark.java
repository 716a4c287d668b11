package dev.weft.bench.combinators;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
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
 * Waiting for the first of N futures: {@code Futures.select} (fair: random start, losers closed)
 * against {@code CompletableFuture.anyOf}. One operation builds the N futures, selects, and takes
 * the winner, on the calling thread.
 *
 * <ul>
 *   <li>{@code select_ready}: the last branch is already complete, the others incomplete.</li>
 *   <li>{@code select_pending}: all incomplete when selected; then the last one completes and the
 *       select is polled again / joined.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectBenchmark {

    @Param({"2", "16"})
    int n;

    /**
     * {@code weft} and {@code cf} select; {@code inputs_only} builds Weft's N input futures and
     * completes the last exactly as {@code weft} does, with no select: the floor under any
     * combinator here, in the same run.
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
    public Object select_ready() {
        return switch (impl) {
            case "weft" -> weft(true);
            case "cf" -> cf(true);
            default -> inputs();
        };
    }

    @Benchmark
    public Object select_pending() {
        return switch (impl) {
            case "weft" -> weft(false);
            case "cf" -> cf(false);
            default -> inputs();
        };
    }

    private Object inputs() {
        Flip[] fs = new Flip[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new Flip();
        }
        fs[n - 1].complete(n - 1);
        return fs;
    }

    @SuppressWarnings("unchecked")
    private Object weft(boolean lastReady) {
        Flip[] fs = new Flip[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new Flip();
        }
        if (lastReady) {
            fs[n - 1].complete(n - 1);
        }
        Future<Futures.Selected<Integer>> s = Futures.select((Future<Integer>[]) fs);
        if (!lastReady) {
            if (s.poll(cx).isReady()) {
                throw new AssertionError();
            }
            fs[n - 1].complete(n - 1);
        }
        return s.poll(cx).value().value();
    }

    @SuppressWarnings("unchecked")
    private Object cf(boolean lastReady) {
        CompletableFuture<Integer>[] fs = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new CompletableFuture<>();
        }
        if (lastReady) {
            fs[n - 1].complete(n - 1);
        }
        CompletableFuture<Object> any = CompletableFuture.anyOf(fs);
        if (!lastReady) {
            fs[n - 1].complete(n - 1);
        }
        return any.join();
    }
}
