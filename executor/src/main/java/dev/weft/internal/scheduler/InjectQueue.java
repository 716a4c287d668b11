package dev.weft.internal.scheduler;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.task.RawTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The global queue: tasks spawned or woken from outside the workers, and the overflow of full
 * local queues.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>An intrusive multi-producer queue (Dmitry Vyukov's, with a stub node), linked through
 * {@link RawTask#nextInQueue()}, so pushing allocates nothing. A push is one atomic exchange of
 * {@code tail} plus a release store linking the previous node: producers never wait for each other
 * or for the consumer, unlike Tokio's single mutex, which is its remote-spawn bottleneck.
 *
 * <p>Consumers are serialized by a try-lock ({@link #tryLockConsumer()}): a worker that finds it
 * held knows another worker is pulling and goes elsewhere, so no consumer ever waits either.
 * {@code head} is written only by the lock holder.
 *
 * <pre>
 *   head (consumer: next to hand out)                   tail (producers: getAndSet)
 *     |                                                   |
 *   [stub or task] -> [task] -> [task] -> ... -> [task]
 * </pre>
 *
 * <p>{@code head} is the next task to hand out, or the stub when the consumer has caught up; the
 * stub is pushed back behind the last task so that task can leave the chain. Between a producer's
 * exchange and its link, the chain is briefly broken: {@link #pop()} then returns {@code null}
 * although {@link #isEmpty()} is {@code false}. Callers that must not miss work (the parking
 * re-check) use {@code isEmpty()}, which never reports a completed push as empty.
 */
public final class InjectQueue {

    private final RawTask<?> stub = new RawTask<>(NEVER, null);

    /** Producers: getAndSet (full fence). Read by consumers and by isEmpty (acquire). */
    private volatile RawTask<?> tail = stub;

    /** Written only by the consumer-lock holder (release); read by isEmpty from any thread (acquire). */
    private RawTask<?> head = stub;

    /** 0 = free, 1 = a consumer is pulling. */
    private volatile int consumerLock;

    /**
     * Appends one task. Wait-free.
     *
     * @param task a task in no other queue
     */
    public void push(RawTask<?> task) {
        task.clearNextInQueue();
        RawTask<?> prev = (RawTask<?>) TAIL.getAndSet(this, task); // full fence: orders the clear
        prev.linkNextInQueue(task); // release: pairs with the consumer's nextInQueue() acquire
    }

    /**
     * Appends a chain already linked from {@code first} to {@code last}, in one exchange.
     *
     * @param first the first task of the chain
     * @param last  the last task of the chain
     */
    public void pushBatch(RawTask<?> first, RawTask<?> last) {
        last.clearNextInQueue();
        RawTask<?> prev = (RawTask<?>) TAIL.getAndSet(this, last);
        prev.linkNextInQueue(first);
    }

    /**
     * Tells whether no task is queued. {@code head} is the next task to hand out unless it is the
     * stub, so the queue is empty only when both ends rest on the stub. A push moves {@code tail}
     * off the stub with a full fence before the pusher looks at the idle workers, so a parking
     * worker that reads {@code tail} after announcing itself never misses it.
     *
     * @return whether the queue is empty (a task being handed out right now counts as queued)
     */
    public boolean isEmpty() {
        return tail == stub && headAcquire() == stub;
    }

    /** @return {@code true} if the caller became the consumer and must {@link #unlockConsumer()} */
    public boolean tryLockConsumer() {
        return consumerLock == 0 && CONSUMER_LOCK.compareAndSet(this, 0, 1);
    }

    /** Ends a consumer's turn; release: the next consumer sees this one's writes of head. */
    public void unlockConsumer() {
        CONSUMER_LOCK.setRelease(this, 0);
    }

    /**
     * Takes the oldest task. The caller must hold the consumer lock.
     *
     * @return the task, or {@code null} if empty or if a producer is between its exchange and its
     *     link (then {@link #isEmpty()} is {@code false}; try again later)
     */
    public RawTask<?> pop() {
        RawTask<?> h = (RawTask<?>) HEAD.get(this); // the consumer reads its own write
        RawTask<?> next = h.nextInQueue();
        if (h == stub) {
            if (next == null) {
                return null;
            }
            setHead(next);
            h = next;
            next = next.nextInQueue();
        }
        if (next != null) {
            setHead(next);
            return h;
        }
        if (h != tail) {
            return null; // a producer swapped tail but has not linked yet
        }
        // h is the last task: put the stub behind it so that h can leave the chain
        push(stub);
        next = h.nextInQueue();
        if (next != null) {
            setHead(next);
            return h;
        }
        return null;
    }

    /**
     * Takes up to {@code max} tasks into {@code out}, or none if another consumer is active.
     *
     * @param out where to put them
     * @param max at most this many ({@code <= out.length})
     * @return how many were taken
     */
    public int popBatch(RawTask<?>[] out, int max) {
        if (!tryLockConsumer()) {
            return 0;
        }
        int n = 0;
        try {
            while (n < max) {
                RawTask<?> t = pop();
                if (t == null) {
                    break;
                }
                out[n++] = t;
            }
        } finally {
            unlockConsumer();
        }
        return n;
    }

    /**
     * Takes every task that can be taken now, waiting for the consumer lock if needed; for
     * shutdown.
     *
     * @param action what to do with each task, called after the lock is released
     */
    public void drain(java.util.function.Consumer<RawTask<?>> action) {
        RawTask<?>[] batch = new RawTask<?>[64];
        for (;;) {
            while (!tryLockConsumer()) {
                Thread.onSpinWait();
            }
            int n = 0;
            try {
                while (n < batch.length) {
                    RawTask<?> t = pop();
                    if (t == null) {
                        break;
                    }
                    batch[n++] = t;
                }
            } finally {
                unlockConsumer();
            }
            for (int i = 0; i < n; i++) {
                action.accept(batch[i]);
                batch[i] = null;
            }
            if (n < batch.length) {
                return; // a producer still linking will drain its own task (see the schedulers)
            }
        }
    }

    private static final Future<Object> NEVER = cx -> Poll.pending();

    // ---- VarHandle mechanics ----

    private RawTask<?> headAcquire() {
        return (RawTask<?>) HEAD.getAcquire(this);
    }

    private void setHead(RawTask<?> h) {
        HEAD.setRelease(this, h);
    }

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle CONSUMER_LOCK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(InjectQueue.class, "tail", RawTask.class);
            HEAD = l.findVarHandle(InjectQueue.class, "head", RawTask.class);
            CONSUMER_LOCK = l.findVarHandle(InjectQueue.class, "consumerLock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
