/**
 * Stream pipeline benchmarks: {@code AsyncStream} map/filter/fold against {@code java.util.stream}
 * and a hand-written loop over the same boxed data. Results: {@code docs/benchmarks/combinators.md}.
 */
package dev.weft.bench.stream;
