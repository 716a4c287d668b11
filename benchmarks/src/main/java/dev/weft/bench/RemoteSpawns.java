package dev.weft.bench;

import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;

/**
 * The body of {@code spawn_many_remote_idle} and {@code spawn_many_remote_busy}: the benchmark
 * thread (not a pool thread) spawns {@code tasks} empty tasks, then awaits every handle in spawn
 * order. The handle arrays are allocated once per trial, as Tokio reuses its {@code Vec}.
 */
final class RemoteSpawns {

    private static final Future<Void> EMPTY_FUTURE = cx -> Poll.ready(null);
    private static final Runnable EMPTY_RUNNABLE = () -> { };

    private final Pool pool;
    private final int tasks;
    private final JoinHandle<?>[] weftHandles;
    private final ForkJoinTask<?>[] fjpHandles;
    private final java.util.concurrent.Future<?>[] tpeHandles;
    private final Thread[] threads;

    /**
     * @param pool  the executor under test
     * @param tasks tasks per operation
     */
    RemoteSpawns(Pool pool, int tasks) {
        this.pool = pool;
        this.tasks = tasks;
        this.weftHandles = pool.kind == Pool.Kind.WEFT ? new JoinHandle<?>[tasks] : null;
        this.fjpHandles = pool.kind == Pool.Kind.FJP ? new ForkJoinTask<?>[tasks] : null;
        this.tpeHandles = pool.kind == Pool.Kind.TPE ? new java.util.concurrent.Future<?>[tasks] : null;
        this.threads = pool.kind == Pool.Kind.VTHREADS ? new Thread[tasks] : null;
    }

    /** One operation: spawn them all, then join them all. */
    void run() throws InterruptedException, ExecutionException {
        switch (pool.kind) {
            case WEFT -> {
                for (int i = 0; i < tasks; i++) {
                    weftHandles[i] = pool.weft.spawn(EMPTY_FUTURE);
                }
                pool.blockOn(new JoinAll(weftHandles, tasks));
            }
            case FJP -> {
                for (int i = 0; i < tasks; i++) {
                    fjpHandles[i] = pool.fjp.submit(EMPTY_RUNNABLE);
                }
                for (int i = 0; i < tasks; i++) {
                    fjpHandles[i].get();
                    fjpHandles[i] = null;
                }
            }
            case TPE -> {
                for (int i = 0; i < tasks; i++) {
                    tpeHandles[i] = pool.tpe.submit(EMPTY_RUNNABLE);
                }
                for (int i = 0; i < tasks; i++) {
                    tpeHandles[i].get();
                    tpeHandles[i] = null;
                }
            }
            case VTHREADS -> {
                for (int i = 0; i < tasks; i++) {
                    threads[i] = Thread.startVirtualThread(EMPTY_RUNNABLE);
                }
                for (int i = 0; i < tasks; i++) {
                    threads[i].join();
                    threads[i] = null;
                }
            }
            case CF -> throw new UnsupportedOperationException("no cf variant of the remote spawn workloads");
        }
    }

    /**
     * For the {@link Watchdog}'s message, from its thread: how many of the current operation's
     * tasks have run. Reads the handle arrays without synchronisation; a stale slot only makes the
     * count approximate, which is all a diagnostic needs.
     *
     * @return e.g. "12 of 10000 tasks of the current operation finished (joined or done)"
     */
    String progress() {
        int finished = 0;
        for (int i = 0; i < tasks; i++) {
            boolean done = switch (pool.kind) {
                case WEFT -> weftHandles[i] == null || weftHandles[i].isFinished();
                case FJP -> fjpHandles[i] == null || fjpHandles[i].isDone();
                case TPE -> tpeHandles[i] == null || tpeHandles[i].isDone();
                case VTHREADS -> threads[i] == null || !threads[i].isAlive();
                case CF -> true;
            };
            if (done) {
                finished++;
            }
        }
        return finished + " of " + tasks + " tasks of the current operation finished (joined, done, or not"
                + " yet spawned)";
    }
}
