package dev.weft.internal.scheduler;

import dev.weft.Context;
import dev.weft.internal.runtime.ContextAccess;
import dev.weft.internal.runtime.Parker;
import dev.weft.internal.runtime.RuntimeConfig;
import dev.weft.internal.task.RawTask;
import dev.weft.internal.time.TimeDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BooleanSupplier;

/**
 * One worker of the multi-thread scheduler: its run queue, LIFO slot, parker, and the loop its
 * thread runs.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Each turn of the loop (a "tick") takes one task, in this order: every
 * {@code globalQueueInterval} ticks the inject queue first (so remote spawns cannot starve behind a
 * busy local queue); otherwise the LIFO slot, the local queue, then a batch from the inject queue.
 * With nothing local, the worker searches: it steals half of a random victim's queue, pulls from
 * the inject queue, and in a later round takes a LIFO task that has sat in its slot for a whole
 * round (the owner is stuck in a long poll). After a few rounds it parks ({@link Idle}).
 *
 * <p>The LIFO slot holds the task most recently woken or spawned by the running task, so a
 * message's receiver runs next, on the same core, while the data is in cache. At most
 * {@link #MAX_LIFO_POLLS} LIFO tasks run in a row, then the slot's task goes to the back of the
 * queue, so two tasks that wake each other cannot monopolise the worker.
 *
 * <p>Field contract: {@code queue}, {@code searching}, {@code tick} and {@code cx} belong to the
 * worker's thread. {@code lifo} is exchanged by the owner and may be taken by a thief with a CAS.
 * The parker is unparked by anyone.
 */
final class Worker implements Runnable {

    /** Tokio's cap on consecutive LIFO polls: enough for a request/response pair to ping-pong. */
    static final int MAX_LIFO_POLLS = 3;

    /**
     * Search rounds before parking. A round is a full steal pass plus a short spin; a few rounds
     * (a few microseconds) catch work that arrives right after the queues ran dry, which is far
     * cheaper than a park/unpark round trip.
     */
    private static final int SEARCH_ROUNDS = 4;

    /** onSpinWait calls between search rounds. */
    private static final int SPINS_PER_ROUND = 32;

    /** Most tasks pulled from the inject queue at once: the rest stay for other workers. */
    private static final int INJECT_BATCH = 64;

    final int index;
    final LocalQueue queue;
    final Parker parker;
    private final MultiThreadScheduler shared;
    private final Context cx = ContextAccess.get().newContext();
    private final RawTask<?>[] batch = new RawTask<?>[INJECT_BATCH];
    private final BooleanSupplier runtimeIdle; // shared::isIdle, made once rather than per park

    /** Exchanged by the owner; taken by a thief only with a CAS from the task it saw. */
    private volatile RawTask<?> lifo;

    private boolean searching;
    private int tick;
    private int seed;
    private RawTask<?> lifoCandidate; // a victim's LIFO task seen in the previous search round

    Worker(MultiThreadScheduler shared, int index, int queueCapacity) {
        this.shared = shared;
        this.index = index;
        this.queue = new LocalQueue(queueCapacity);
        this.parker = new Parker(null);
        this.runtimeIdle = shared::isIdle;
        this.seed = 0x9E3779B9 * (index + 1);
    }

    @Override
    public void run() {
        parker.bind(Thread.currentThread());
        try {
            RuntimeConfig.runHook(shared.config().onThreadStart());
            loop();
        } finally {
            try {
                drainOnShutdown();
                shared.workerExited(); // the last one out runs idle tasks' close() here...
            } finally {
                RuntimeConfig.runHook(shared.config().onThreadStop()); // ...so the stop hook comes after
            }
        }
    }

    private void loop() {
        int eventInterval = shared.config().eventInterval();
        boolean running = true;
        while (running) {
            RawTask<?> task = nextTask();
            if (task == null) {
                task = search();
            }
            if (task != null) {
                runTask(task);
                if (tick % eventInterval == 0) {
                    running = maintenance();
                }
            } else {
                park();
                running = maintenance();
            }
        }
    }

    private RawTask<?> nextTask() {
        tick++;
        if (tick % shared.config().globalQueueInterval() == 0) {
            RawTask<?> t = pollInject();
            if (t != null) {
                return t;
            }
        }
        RawTask<?> t = takeLifo();
        if (t != null) {
            return t;
        }
        t = queue.pop();
        return t != null ? t : pollInject();
    }

    private void runTask(RawTask<?> task) {
        if (searching) {
            searching = false;
            if (shared.idle.stopSearching()) {
                shared.notifyParked(); // chained ramp-up: the last searcher to find work wakes another
            }
        }
        task.run(cx);
        clearInterrupt();
        for (int polls = 0; ; polls++) {
            RawTask<?> next = lifo;
            if (next == null) {
                return;
            }
            next = takeLifo();
            if (next == null) {
                return; // a thief took it
            }
            if (polls == MAX_LIFO_POLLS) {
                queue.push(next, shared.inject);
                shared.notifyParked();
                return;
            }
            next.run(cx);
            clearInterrupt();
        }
    }

    /**
     * A task may interrupt its worker thread (or leave an interrupt it received unhandled); the
     * interrupt belongs to that task, so it must not leak into the next task on this thread.
     */
    private static void clearInterrupt() {
        Thread.interrupted();
    }

    /**
     * Work that must happen even while tasks keep coming: every {@code eventInterval} ticks and
     * after each park: fire due timers (one clock read when none is due) and check for shutdown.
     *
     * @return {@code false} once the runtime shuts down
     */
    private boolean maintenance() {
        shared.timeDriver().processIfDue(); // a busy runtime's timers fire from here
        return !shared.isShutdown();
    }

    // ---------------------------------------------------------------- scheduling from this thread

    /** A spawn or wake on this worker's own thread: into the LIFO slot, displacing its occupant. */
    void scheduleLocal(RawTask<?> task) {
        RawTask<?> prev = (RawTask<?>) LIFO.getAndSet(this, task);
        if (prev != null) {
            queue.push(prev, shared.inject);
            shared.notifyParked();
        }
    }

    /** A task that woke itself during its poll: to the back of the queue, never the LIFO slot. */
    void scheduleYield(RawTask<?> task) {
        queue.push(task, shared.inject);
        shared.notifyParked();
    }

    private RawTask<?> takeLifo() {
        return lifo == null ? null : (RawTask<?>) LIFO.getAndSet(this, null);
    }

    /** A thief takes this worker's LIFO task, if it is still the one it saw earlier. */
    boolean stealLifo(RawTask<?> expected) {
        return expected != null && LIFO.compareAndSet(this, expected, null);
    }

    RawTask<?> peekLifo() {
        return lifo;
    }

    // ---------------------------------------------------------------- searching and parking

    private RawTask<?> pollInject() {
        InjectQueue inject = shared.inject;
        if (inject.isEmpty()) {
            return null;
        }
        int room = Math.min(queue.remainingSlots() / 2, INJECT_BATCH);
        int n = inject.popBatch(batch, Math.max(1, room));
        if (n == 0) {
            return null;
        }
        RawTask<?> first = batch[0];
        batch[0] = null;
        if (n > 1) {
            System.arraycopy(batch, 1, batch, 0, n - 1);
            batch[n - 1] = null;
            queue.pushAll(batch, n - 1);
            shared.notifyParked(); // more work than this worker can start at once: share it
        }
        return first;
    }

    private RawTask<?> search() {
        if (!searching) {
            if (!shared.idle.tryStartSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] workers = shared.workers;
        int n = workers.length;
        lifoCandidate = null;
        int candidateOwner = -1;
        for (int round = 0; round < SEARCH_ROUNDS; round++) {
            int start = nextRandom(n);
            for (int i = 0; i < n; i++) {
                int victim = start + i < n ? start + i : start + i - n;
                if (victim == index) {
                    continue;
                }
                RawTask<?> t = workers[victim].queue.stealer().stealInto(queue);
                if (t != null) {
                    return t;
                }
            }
            RawTask<?> t = pollInject();
            if (t != null) {
                return t;
            }
            // Last resort: a LIFO task that has waited a whole round is stuck behind a long poll.
            if (candidateOwner >= 0 && workers[candidateOwner].stealLifo(lifoCandidate)) {
                t = lifoCandidate;
                lifoCandidate = null;
                return t;
            }
            candidateOwner = -1;
            lifoCandidate = null;
            for (int i = 0; i < n; i++) {
                int victim = start + i < n ? start + i : start + i - n;
                RawTask<?> seen = victim == index ? null : workers[victim].peekLifo();
                if (seen != null) {
                    candidateOwner = victim;
                    lifoCandidate = seen;
                    break;
                }
            }
            for (int s = 0; s < SPINS_PER_ROUND; s++) {
                Thread.onSpinWait();
            }
            if (shared.isShutdown()) {
                break;
            }
        }
        lifoCandidate = null;
        return null;
    }

    private void park() {
        RuntimeConfig.runHook(shared.config().onThreadPark());
        boolean wasSearching = searching;
        searching = false;
        shared.idle.parkWorker(index, wasSearching);
        if (shared.hasWorkPending()) {
            // A task may have arrived after our search but before we were counted as parked, and
            // its pusher may have seen us unparked (or a searcher) and woken nobody. Every worker
            // re-checks, not only the last searcher (Tokio's rule): a worker refused the search
            // slot could otherwise park while the searcher's batch waits in a busy worker's queue.
            shared.notifyParked();
        }
        TimeDriver time = shared.timeDriver();
        if (time.clock().isPaused()) {
            time.wakeHolder(); // we may be the last to go idle: the driver holder may auto-advance now
        }
        while (true) {
            if (time.tryAcquire()) {
                try {
                    time.parkOn(parker, runtimeIdle); // fires due timers before returning
                } finally {
                    time.release();
                }
            } else {
                parker.park();
            }
            if (lifo != null || queue.hasTasks()) {
                // fired timers woke tasks onto this worker: run them
                if (!shared.idle.unparkWorkerById(index, false)) {
                    searching = true; // a notifier already took us off the stack as a searcher
                }
                break;
            }
            if (!shared.idle.isParked(index)) {
                searching = true; // workerToNotify counted us as searching
                break;
            }
            if (shared.isShutdown()) {
                shared.idle.unparkWorkerById(index, false);
                break;
            }
            // spurious unpark: still on the sleeper stack, so nobody expects us to search
        }
        RuntimeConfig.runHook(shared.config().onThreadUnpark());
    }

    /** xorshift: a thread-confined random victim choice, cheaper than ThreadLocalRandom here. */
    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % bound;
    }

    /** @return whether a thief could find something here */
    boolean hasStealableWork() {
        return !queue.stealer().isEmpty();
    }

    /** @return whether this worker holds any task, its LIFO slot included */
    boolean holdsWork() {
        return lifo != null || !queue.stealer().isEmpty();
    }

    private void drainOnShutdown() {
        for (;;) {
            RawTask<?> t = takeLifo();
            if (t == null) {
                t = queue.pop();
            }
            if (t == null) {
                return;
            }
            t.shutdown(); // may run close() code that wakes more tasks onto this worker: loop
        }
    }

    // ---- VarHandle mechanics ----

    private static final VarHandle LIFO;

    static {
        try {
            LIFO = MethodHandles.lookup().findVarHandle(Worker.class, "lifo", RawTask.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
