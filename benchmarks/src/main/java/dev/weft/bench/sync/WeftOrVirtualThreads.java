package dev.weft.bench.sync;

import dev.weft.Runtime;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of the benchmarks whose only baseline is virtual threads: the {@code impl} parameter
 * and, for {@code weft}, a runtime built once per trial and closed after it. Subclasses are the
 * {@code @State} and add their own parameters.
 */
@State(Scope.Benchmark)
public abstract class WeftOrVirtualThreads {

    @Param({"weft", "vthreads"})
    public String impl;

    /** The Weft runtime; {@code null} for {@code vthreads}. */
    protected Runtime rt;

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> rt = Bench.weft();
            case "vthreads" -> { }
            default -> throw Bench.unknown("impl", impl, "weft or vthreads");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, null);
    }
}
