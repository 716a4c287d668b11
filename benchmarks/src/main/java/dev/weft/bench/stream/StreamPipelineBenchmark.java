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
 * hand-written loop. The score is per item ({@code @OperationsPerInvocation}).
 *
 * <ul>
 *   <li>{@code weft}: {@code fromIterable.map.filter.fold(0L, (a, x) -> a + x)}: the accumulator is
 *       a boxed {@code Long}, as {@code fold}'s signature makes it.</li>
 *   <li>{@code weft_foldLong}: the same pipeline ending in {@code foldLong(0L, (a, x) -> a + x)}:
 *       a primitive accumulator, like the loop's.</li>
 *   <li>{@code weft_forEach}: the same pipeline ending in {@code forEach} into a {@code long[1]}:
 *       the way to fold into a primitive.</li>
 *   <li>{@code jus}: {@code stream().map.filter.reduce(0L, ..., Long::sum)}: boxed accumulator too.</li>
 *   <li>{@code loop}: the plain loop the target names: boxed items, primitive
 *       {@code long} accumulator.</li>
 *   <li>{@code loop_boxed}: the same loop with a boxed {@code Long} accumulator, i.e. exactly the work
 *       {@code fold} and {@code reduce} are asked to do; shows what the boxed accumulator costs.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamPipelineBenchmark {

    static final int ITEMS = 1_000_000;

    @Param({"weft", "weft_foldLong", "weft_forEach", "jus", "loop", "loop_boxed"})
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
            case "weft_foldLong" -> AsyncStream.fromIterable(data)
                    .map(x -> x * 3)
                    .filter(x -> (x & 1) == 0)
                    .foldLong(0L, (a, x) -> a + x)
                    .poll(cx).value();
            case "weft_forEach" -> {
                long[] sum = {0};
                AsyncStream.fromIterable(data)
                        .map(x -> x * 3)
                        .filter(x -> (x & 1) == 0)
                        .forEach(x -> sum[0] += x)
                        .poll(cx);
                yield sum[0];
            }
            case "jus" -> data.stream()
                    .map(x -> x * 3)
                    .filter(x -> (x & 1) == 0)
                    .reduce(0L, (a, x) -> a + x, Long::sum);
            case "loop" -> loop();
            case "loop_boxed" -> loopBoxed();
            default -> throw new IllegalArgumentException(impl);
        };
    }

    private long loopBoxed() {
        Long sum = 0L;
        for (Integer x : data) {
            Integer y = x * 3;
            if ((y & 1) == 0) {
                sum = sum + y;
            }
        }
        return sum;
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
