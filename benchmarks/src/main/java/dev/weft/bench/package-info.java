/**
 * JMH benchmarks of Weft's scheduler against JDK baselines, run in the same JVM, fork and
 * invocation, as {@code /work/shared/BENCHMARKS.md} requires.
 *
 * <h2>Shape shared by every benchmark</h2>
 *
 * <ul>
 *   <li>One class per workload family; the method is named after the workload
 *       ({@code spawn_many_local}, ...). One JMH operation is the whole workload and
 *       {@code @OperationsPerInvocation} is its task (or yield) count, so the score is the
 *       <em>time per task</em> in nanoseconds ({@code Mode.AverageTime}) and
 *       {@code gc.alloc.rate.norm} is <em>bytes per task</em>: JMH multiplies its op count by
 *       {@code @OperationsPerInvocation} before it normalises (see the generated
 *       {@code *_jmhTest} classes: {@code res.allOps *= opsPerInv}).</li>
 *   <li>{@code @Param executor}: {@code weft}, {@code fjp}, {@code tpe}, {@code vthreads}, and
 *       {@code cf} where BENCHMARKS.md lists it. {@link dev.weft.bench.Pool} builds the executor in
 *       {@code @Setup(Level.Trial)} with the same thread count for all ({@link Pool#THREADS}) and
 *       closes it in {@code @TearDown(Level.Trial)}: never timed.</li>
 *   <li>The end of an operation is signalled by a {@link dev.weft.bench.Countdown}, the same class
 *       for every executor: a Weft task awaits it as a future, a thread parks on it.</li>
 *   <li>A hung operation fails the benchmark after a grace period instead of hanging the run
 *       ({@link dev.weft.bench.Watchdog}), with a thread dump on stderr.</li>
 * </ul>
 *
 * <h2>Fairness choices</h2>
 *
 * <ul>
 *   <li>{@code ForkJoinPool} runs in async (FIFO) mode, as Weft's local queues are FIFO behind the
 *       LIFO slot; its tasks are {@code ForkJoinTask} subclasses (one object per task, no adapter),
 *       and a "yield" re-forks the running task ({@code exec()} returns {@code false} until the last
 *       step), which allocates nothing.</li>
 *   <li>Virtual threads are started with {@code Thread.startVirtualThread}, the cheapest way;
 *       {@code newVirtualThreadPerTaskExecutor} would add thread tracking and a {@code FutureTask}
 *       per task.</li>
 *   <li>Children that carry no state of their own share one future / {@code Runnable} per
 *       operation, so each executor allocates only what it needs per task.</li>
 *   <li>Weft's JoinHandles of fire-and-forget tasks are dropped, not {@code detach()}ed: the cheapest
 *       documented way not to join.</li>
 * </ul>
 */
package dev.weft.bench;
