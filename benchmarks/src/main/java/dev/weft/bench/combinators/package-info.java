/**
 * Combinator benchmarks: {@code Futures.joinAll} and {@code Futures.select} against
 * {@code CompletableFuture.allOf} / {@code anyOf}, on the calling thread (no executor), so that the
 * combinators' own cost is measured. Results and ratios: {@code docs/benchmarks/combinators.md}.
 */
package dev.weft.bench.combinators;
