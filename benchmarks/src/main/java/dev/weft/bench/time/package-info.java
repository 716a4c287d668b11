/**
 * Timer benchmarks: Weft's timer wheel against {@code ScheduledThreadPoolExecutor}, Netty's
 * {@code HashedWheelTimer}, Agrona's {@code DeadlineTimerWheel} and virtual threads, run in the same
 * JMH invocation as {@code /work/shared/BENCHMARKS.md} requires. Results, ratios and method:
 * {@code docs/benchmarks/timers.md}, written by {@link dev.weft.bench.time.TimerReport}.
 *
 * <ul>
 *   <li>{@link dev.weft.bench.time.TimerScheduleCancelBenchmark} ({@code timer_schedule_cancel}):
 *       10,000 timers at spread deadlines (1 ms..10 s) scheduled and cancelled, at the data-structure
 *       level: Weft's internal {@code TimeDriver} + {@code TimerHandle} on the benchmark thread.</li>
 *   <li>{@link dev.weft.bench.time.TimerScheduleCancelApiBenchmark}
 *       ({@code timer_schedule_cancel_api}): the same through the public API: a task creates 10,000
 *       {@code Sleep}s, polls each once (registration), then closes them all.</li>
 *   <li>{@link dev.weft.bench.time.TimerFireBenchmark} ({@code timer_fire}): 10,000 sleeps of
 *       1..50 ms all awaited; lateness (wake time − deadline) of every timer into an HdrHistogram,
 *       p50/p99 printed and written to the stats file ({@link dev.weft.bench.time.TimerStats}).</li>
 *   <li>{@link dev.weft.bench.time.IdleTimersMemoryBenchmark} ({@code idle_timers_memory}):
 *       1,000,000 pending timers; retained heap bytes per pending timer.</li>
 * </ul>
 *
 * <p>Every operation works on the same precomputed, shuffled deadlines ({@link dev.weft.bench.time.Delays}).
 */
package dev.weft.bench.time;
