package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinTask;

/**
 * Background tasks that keep every worker busy for a whole trial: each loops
 * {@code { yield; spin SPIN_NANOS }} until {@link #close()}. Tokio's
 * {@code spawn_many_remote_busy1} sleeps 10 µs; here the task spins, so the worker stays occupied.
 *
 * <ul>
 *   <li>weft: a future that alternates {@link Task#yieldNow()} and a spin;</li>
 *   <li>fjp: a {@code ForkJoinTask} that spins and re-forks itself (its {@code exec()} returns
 *       {@code false} until it stops, so the task object is reused);</li>
 *   <li>tpe: a {@code Runnable} that spins and re-submits itself;</li>
 *   <li>vthreads: a virtual thread looping {@code Thread.yield()} and a spin.</li>
 * </ul>
 *
 * <p><b>fjp and vthreads starve the remote spawns</b> under this load (JDK 25), so those variants
 * end in a {@link Watchdog} timeout instead of a score. That is the result, not a harness fault:
 * <ul>
 *   <li>A ForkJoinPool worker runs local tasks until its queue is empty
 *       ({@code WorkQueue.topLevelExec}), and {@code runWorker} keeps taking from the queue it last
 *       took from while that queue has tasks. A task that re-forks itself therefore keeps its worker
 *       forever, and the submission queue the benchmark thread fills is never visited. Re-submitting
 *       with {@code externalSubmit} instead does not help: the worker then keeps draining the
 *       submission queue its own busy tasks go back to (tried: no operation finished in 10 s).</li>
 *   <li>A yielding virtual thread goes back to its carrier's local queue whenever that queue is not
 *       empty ({@code VirtualThread.afterYield}); with 8 of them on the carriers, no carrier's queue
 *       ever empties, with the same outcome.</li>
 * </ul>
 * Weft checks its global queue every {@code globalQueueInterval} (61) ticks, as Tokio does, and
 * the fixed thread pool has one FIFO queue, so both keep the remote spawns flowing.
 *
 * <p>They allocate a little (Weft's yield future, the TPE queue node), which shows in the
 * operation's {@code gc.alloc.rate.norm} as a few bytes per task.
 */
final class BusyLoad implements AutoCloseable {

    /** Tokio's figure: 8 background tasks. */
    static final int TASKS = 8;

    /** Spin between yields. */
    static final long SPIN_NANOS = 10_000;

    private final Pool pool;
    private final Countdown stopped = new Countdown(TASKS); // counted down by the JDK tasks as they stop
    private final JoinHandle<?>[] weftHandles = new JoinHandle<?>[TASKS];
    private final Thread[] threads = new Thread[TASKS];

    // written once by close() on the benchmark thread; read by every background task each loop
    private volatile boolean running = true;

    /** @param pool where to run the load */
    BusyLoad(Pool pool) {
        this.pool = pool;
        for (int i = 0; i < TASKS; i++) {
            switch (pool.kind) {
                case WEFT -> weftHandles[i] = pool.weft.spawn(new WeftBusy());
                case FJP -> pool.fjp.execute(new FjpBusy());
                case TPE -> pool.tpe.execute(new TpeBusy(pool.tpe));
                case VTHREADS -> threads[i] = Thread.startVirtualThread(this::vthreadBusy);
                case CF -> throw new UnsupportedOperationException("no cf variant of the busy load");
            }
        }
    }

    /** Stops every background task and waits until each has stopped. */
    @Override
    public void close() {
        running = false;
        pool.watchdog.armGrace();
        try {
            switch (pool.kind) {
                case WEFT -> pool.blockOn(new JoinAll(weftHandles, TASKS));
                case FJP, TPE -> stopped.await();
                case VTHREADS -> {
                    for (Thread t : threads) {
                        t.join();
                    }
                }
                case CF -> { }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the busy load", e);
        } finally {
            pool.watchdog.disarm();
        }
    }

    private final class WeftBusy implements Future<Void> {
        private Future<Void> yield; // the current yield, until it completes

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (yield == null) {
                    if (!running) {
                        return Poll.ready(null);
                    }
                    yield = Task.yieldNow();
                }
                if (!yield.poll(cx).isReady()) {
                    return Poll.pending();
                }
                yield = null;
                Spin.nanos(SPIN_NANOS);
            }
        }
    }

    private final class FjpBusy extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean exec() {
            if (!running) {
                stopped.countDown();
                return true;
            }
            Spin.nanos(SPIN_NANOS);
            fork(); // the yield: to the back of this worker's FIFO queue; nothing touches `this` after it
            return false;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) { }
    }

    private final class TpeBusy implements Runnable {
        private final ExecutorService tpe;

        TpeBusy(ExecutorService tpe) {
            this.tpe = tpe;
        }

        @Override
        public void run() {
            if (!running) {
                stopped.countDown();
                return;
            }
            Spin.nanos(SPIN_NANOS);
            tpe.execute(this);
        }
    }

    private void vthreadBusy() {
        while (running) {
            Thread.yield();
            Spin.nanos(SPIN_NANOS);
        }
    }
}
