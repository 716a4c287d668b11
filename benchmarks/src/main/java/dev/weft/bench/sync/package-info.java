/**
 * Channel and async-synchronisation benchmarks (issue 5): Weft's {@code Mpsc}, {@code Oneshot},
 * {@code Broadcast}, {@code Watch}, {@code Mutex}, {@code Semaphore}, {@code RwLock} and
 * {@code Notify} against virtual threads with the {@code java.util.concurrent} equivalent, and
 * against JCTools for the MPSC ceiling. Every benchmark runs Weft and its baselines in one run, as a
 * {@code @Param impl} (the report step pairs the value {@code weft} with the others).
 *
 * <p>The workloads (BENCHMARKS.md, sizes from Tokio's {@code benches/}):
 * <ul>
 *   <li>{@link dev.weft.bench.sync.MpscBenchmark mpsc}: 5 producers × 1,000 sends to one receiver,
 *       bounded 100, bounded 1,000,000 and unbounded; per message.</li>
 *   <li>{@link dev.weft.bench.sync.PingPongBenchmark ping_pong}: 1,000 pairs of tasks, each pair
 *       exchanging a ping and a pong over two oneshot channels; per pair.</li>
 *   <li>{@link dev.weft.bench.sync.OneshotRttBenchmark oneshot_rtt}: 1,000 sequential
 *       request/reply round trips to a server task, requests over an mpsc channel, each reply over
 *       its own oneshot; per round trip.</li>
 *   <li>{@link dev.weft.bench.sync.MutexBenchmark mutex}, {@link dev.weft.bench.sync.SemaphoreBenchmark
 *       semaphore}, {@link dev.weft.bench.sync.RwLockBenchmark rwlock}: T ∈ {6, 100} tasks share
 *       60,000 acquire/release pairs (a semaphore holder yields once inside its permit); per pair.
 *       Plus {@code lock_unlock}, one thread locking and unlocking an uncontended lock.</li>
 *   <li>{@link dev.weft.bench.sync.BroadcastBenchmark broadcast},
 *       {@link dev.weft.bench.sync.WatchBenchmark watch}, {@link dev.weft.bench.sync.NotifyBenchmark
 *       notify}: N ∈ {10, 100, 1,000} receivers or waiters, 100 sends or notification rounds; per
 *       send (each reaching N receivers).</li>
 * </ul>
 *
 * <p>Conventions: runtimes and pools are built in {@code @Setup(Level.Trial)} and closed in
 * {@code @TearDown}; Weft workers = ForkJoinPool parallelism = available processors ({@link
 * dev.weft.bench.sync.Bench}); one JMH invocation is a whole workload and
 * {@code @OperationsPerInvocation} makes the score per message / pair / round. Each operation
 * checks its own result (counts, order, final values) and throws if it is wrong, and gives up with
 * a thread dump after 30 s ({@link dev.weft.bench.sync.Done}), so neither a broken nor a hung run
 * reports a speed. Results and ratios: {@code docs/benchmarks/sync.md}.
 */
package dev.weft.bench.sync;
