package dev.weft.internal.scheduler;

import dev.weft.internal.task.RawTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue: the owner's end. Other workers reach the same queue only through
 * its {@link Stealer}, so the thread contract is in the types: only the owning worker may hold a
 * {@code LocalQueue}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>A fixed ring of {@code capacity} (a power of two) slots, indexed by free-running 32-bit
 * counters that wrap. {@code tail} is written only by the owner; {@code head} packs two counters in
 * one {@code long}, {@code steal} (high half) and {@code real} (low half):
 *
 * <pre>
 *        steal        real                       tail
 *          |           |                           |
 *   ... [ being stolen ][  queued tasks, oldest first ][ free ... ]
 *
 *   steal == real: no steal in progress.
 *   Owner pop:  CAS real (and steal, if equal) one forward.          FIFO
 *   Thief:      CAS real forward by half (steal stays: claimed),
 *               copy the claimed slots, then CAS steal up to real.
 *   Owner push: allowed while tail - steal &lt; capacity, so slots a thief is still copying are
 *               never overwritten; otherwise move half the queue to the inject queue.
 * </pre>
 *
 * <p>Only one steal may run per queue at a time (a thief that sees {@code steal != real} gives up),
 * which keeps the claimed range contiguous. Counters are 32 bits in a 64-bit word, the widths Tokio
 * moved to after an ABA bug with 16-bit ones: a CAS could only succeed wrongly after 2^32
 * operations on this queue in the window between a thief's read and its CAS.
 *
 * <p>Memory ordering: the owner writes a slot, then publishes it with a release store of
 * {@code tail}, which thieves read with acquire before reading slots. A thief's final CAS on
 * {@code head} (volatile) publishes that it is done with the claimed slots; the owner reads
 * {@code head} with acquire before reusing them. Slots are emptied by whoever takes the task, so
 * the ring never keeps a finished task alive.
 *
 * <p>Tokio's {@code runtime/scheduler/multi_thread/queue.rs} is the model.
 */
public final class LocalQueue {

    /** Tokio's size: large enough to absorb a burst of spawns, small enough to steal from quickly. */
    public static final int DEFAULT_CAPACITY = 256;

    private final RawTask<?>[] buffer; // slot i: written by the owner, emptied by the taker
    private final int mask;
    private final int capacity;

    /** steal (high 32) | real (low 32). CAS by the owner (pop, overflow) and by thieves. */
    private volatile long head;

    /** Written by the owner only (release); read by thieves (acquire). */
    private volatile int tail;

    private final Stealer stealer = new Stealer(this);

    /**
     * @param capacity a power of two, at least 2 (tests use 4 to reach wrap-around and overflow)
     */
    public LocalQueue(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2, was " + capacity);
        }
        this.buffer = new RawTask<?>[capacity];
        this.mask = capacity - 1;
        this.capacity = capacity;
    }

    /** Creates a queue of {@link #DEFAULT_CAPACITY}. */
    public LocalQueue() {
        this(DEFAULT_CAPACITY);
    }

    /** @return the thief's end of this queue, to hand to other workers */
    public Stealer stealer() {
        return stealer;
    }

    /** @return the capacity */
    public int capacity() {
        return capacity;
    }

    /**
     * Appends a task; if the queue is full, moves half of it plus {@code task} to {@code overflow}
     * in one batch.
     *
     * @param task     the task
     * @param overflow where to spill when full
     */
    public void push(RawTask<?> task, InjectQueue overflow) {
        int t = tailPlain();
        for (;;) {
            long h = headAcquire(); // pairs with a thief's final CAS: its claimed slots are free again
            int steal = steal(h);
            if (t - steal < capacity) {
                buffer[t & mask] = task;
                setTailRelease(t + 1); // pairs with the thief's tailAcquire
                return;
            }
            if (steal != real(h)) {
                // a thief is copying: it will free slots, but we cannot move half the queue now
                overflow.push(task);
                return;
            }
            if (pushOverflow(task, h, t, overflow)) {
                return;
            }
            // only a thief can have moved head meanwhile: retry with the fresh state
        }
    }

    /** Moves the oldest half plus {@code task} to the inject queue; fails if a thief raced us. */
    private boolean pushOverflow(RawTask<?> task, long h, int t, InjectQueue overflow) {
        int real = real(h);
        int n = capacity / 2;
        assert t - real == capacity : "overflow while not full";
        int next = real + n;
        if (!casHead(h, pack(next, next))) {
            return false;
        }
        // The claimed slots are ours alone now: linking them is plain work.
        RawTask<?> first = take(real);
        RawTask<?> last = first;
        for (int i = 1; i < n; i++) {
            RawTask<?> x = take(real + i);
            last.linkNextInQueue(x);
            last = x;
        }
        last.linkNextInQueue(task);
        overflow.pushBatch(first, task);
        return true;
    }

    /**
     * Takes the oldest task.
     *
     * @return the task, or {@code null} if empty
     */
    public RawTask<?> pop() {
        long h = headAcquire();
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            if (real == tailPlain()) {
                return null;
            }
            int next = real + 1;
            long nh = steal == real ? pack(next, next) : pack(steal, next);
            long witness = cmpxchgHead(h, nh);
            if (witness == h) {
                return take(real);
            }
            h = witness;
        }
    }

    /** @return whether the owner has tasks queued (owner's view) */
    public boolean hasTasks() {
        return real(headAcquire()) != tailPlain();
    }

    /** @return the number of queued tasks (owner's view) */
    public int len() {
        return tailPlain() - real(headAcquire());
    }

    /** @return free slots, counting those a thief is still copying as taken */
    int remainingSlots() {
        return capacity - (tailPlain() - steal(headAcquire()));
    }

    /**
     * Appends tasks the owner already holds (from the inject queue) without overflow; the caller
     * guarantees room ({@link #remainingSlots()}).
     */
    void pushAll(RawTask<?>[] tasks, int count) {
        int t = tailPlain();
        for (int i = 0; i < count; i++) {
            buffer[(t + i) & mask] = tasks[i];
            tasks[i] = null;
        }
        setTailRelease(t + count);
    }

    private RawTask<?> take(int index) {
        int slot = index & mask;
        RawTask<?> task = buffer[slot];
        buffer[slot] = null;
        return task;
    }

    // ---------------------------------------------------------------- thief side (used by Stealer)

    /**
     * Moves half of this queue's tasks into {@code dst} (the thief's own queue) and returns one of
     * them to run at once.
     */
    RawTask<?> stealInto(LocalQueue dst) {
        int dstTail = dst.tailPlain();
        // Stealing into a queue that is half full would soon overflow it: skip, as Tokio does.
        if (dstTail - steal(dst.headAcquire()) > dst.capacity / 2) {
            return null;
        }
        int n = claimHalf(dst.capacity / 2);
        if (n == 0) {
            return null;
        }
        int first = steal(headAcquire()); // steal stays frozen at the claim's start until we release
        for (int i = 0; i < n; i++) {
            dst.buffer[(dstTail + i) & dst.mask] = take(first + i);
        }
        releaseSteal();
        n--;
        RawTask<?> ret = dst.buffer[(dstTail + n) & dst.mask];
        dst.buffer[(dstTail + n) & dst.mask] = null;
        if (n > 0) {
            dst.setTailRelease(dstTail + n); // the thief owns dst: publish what it copied
        }
        return ret;
    }

    /** Claims up to {@code limit} of the oldest tasks by moving real forward; 0 if none or busy. */
    private int claimHalf(int limit) {
        long h = headAcquire();
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            if (steal != real) {
                return 0; // another thief is copying
            }
            int available = tailAcquire() - real; // pairs with the owner's setTailRelease
            int n = Math.min(available - available / 2, limit);
            if (n <= 0) {
                return 0;
            }
            long witness = cmpxchgHead(h, pack(steal, real + n));
            if (witness == h) {
                return n;
            }
            h = witness;
        }
    }

    /** Ends a steal: steal catches up with real (which the owner may have moved meanwhile). */
    private void releaseSteal() {
        long h = headAcquire();
        for (;;) {
            int real = real(h);
            long witness = cmpxchgHead(h, pack(real, real));
            if (witness == h) {
                return;
            }
            h = witness;
        }
    }

    /** Thief's view of emptiness, for the parking re-check. */
    boolean isEmptyForThieves() {
        return real(headAcquire()) == tailAcquire();
    }

    // ---------------------------------------------------------------- packing

    static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    static int steal(long h) {
        return (int) (h >>> 32);
    }

    static int real(long h) {
        return (int) h;
    }

    // ---- VarHandle mechanics ----

    private long headAcquire() {
        return (long) HEAD.getAcquire(this);
    }

    private boolean casHead(long expected, long next) {
        return HEAD.compareAndSet(this, expected, next);
    }

    private long cmpxchgHead(long expected, long next) {
        return (long) HEAD.compareAndExchange(this, expected, next);
    }

    private int tailPlain() {
        return (int) TAIL.get(this); // only the owner writes tail, so it reads its own value
    }

    private int tailAcquire() {
        return (int) TAIL.getAcquire(this);
    }

    private void setTailRelease(int t) {
        TAIL.setRelease(this, t);
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
