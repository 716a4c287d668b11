package dev.weft.bench.stream;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.stream.AsyncStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A map/filter/fold pipeline over 1,000,000 boxed integers: {@code AsyncStream} (polled to the end
 * by hand, unconstrained budget) against {@code java.util.stream} (sequential, the ceiling) and a
 * hand-written loop with the same boxing. The score is per item ({@code @OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamPipelineBenchmark {

    static final int ITEMS = 1_000_000;

    @Param({"weft", "jus", "loop"})
    String impl;

    private List<Integer> data;
    private final Context cx = new Context(Waker.noop());

    @Setup
    public void setup() {
        data = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            data.add(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long map_filter_fold() {
        return switch (impl) {
            case "weft" -> AsyncStream.fromIterable(data)
                    .map(x -> x * 3)
                    .filter(x -> (x & 1) == 0)
                    .fold(0L, (a, x) -> a + x)
                    .poll(cx).value();
            case "jus" -> data.stream()
                    .map(x -> x * 3)
                    .filter(x -> (x & 1) == 0)
                    .reduce(0L, (a, x) -> a + x, Long::sum);
            case "loop" -> loop();
            default -> throw new IllegalArgumentException(impl);
        };
    }

    private long loop() {
        long sum = 0;
        for (Integer x : data) {
            Integer y = x * 3;
            if ((y & 1) == 0) {
                sum += y;
            }
        }
        return sum;
    }
}
