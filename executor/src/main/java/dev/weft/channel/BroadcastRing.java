package dev.weft.channel;

import dev.weft.Waker;
import dev.weft.internal.sync.WaitList;
import dev.weft.internal.sync.WakeList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state shared by every end of one {@link Broadcast} channel: a ring of the last
 * {@code capacity} values, the send position, the handle counts and the queue of waiting receives.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Every value sent gets a position {@code 0, 1, 2, ...}; position {@code p} lives in slot
 * {@code p & mask} until position {@code p + capacity} overwrites it. A slot holds an immutable
 * {@link Slot}{@code (pos, value)}, and each send stores a new one, so a reader never sees the
 * position of one send paired with the value of another: no seqlock, no per-slot lock.
 *
 * <ul>
 *   <li><b>Senders serialize on {@link #lock}.</b> A send stores the slot (release), then advances
 *       {@link #tail} (release), then takes every queued receive to wake after unlocking. The same
 *       lock guards the handle counts, {@link #closed}'s transition and the wait queue.
 *   <li><b>Readers take no lock on the fast path.</b> A receiver keeps its own next position
 *       (plain field: a receiver is used by one task at a time) and reads slot
 *       {@code next & mask} with acquire, pairing with the sender's release store: seeing a slot
 *       means seeing the value and everything the sender did before sending it. The slot's
 *       position says what happened: {@code == next} a value, {@code < next} (or no slot) nothing
 *       yet, {@code > next} overwritten, the receiver lagged.
 *   <li><b>Lag.</b> The oldest value still held is {@code tail - capacity}. The lagging reader
 *       reads {@code tail} with acquire after the slot, but the sender stores the slot before it
 *       advances {@code tail}, so the reader may see the new slot with the old tail; it takes
 *       {@code max(tail, slot.pos + 1)}, which is never more than the true tail.
 *   <li><b>No lost wake-up.</b> A receive that found nothing takes the lock, reads again (under
 *       the lock it sees every completed send and close) and only then links itself. A send or the
 *       last sender's close takes the whole queue under the same lock. So a receive is either
 *       linked before the send (and woken) or sees its value.
 *   <li><b>Close.</b> {@link #closed} goes {@code false -> true} once, under the lock, when the
 *       last sender closes; no send can follow. A reader that finds nothing reads {@code closed}
 *       with acquire (pairing with the release in {@link #closeSender}) and then reads the slot
 *       again: if closed, that read sees the last value ever sent.
 *   <li><b>Handles.</b> Each {@code Sender}'s {@code closed} flag and each {@code Receiver}'s
 *       {@code queued} receive are guarded by {@link #lock} too: closing a sender handle counts
 *       once however many threads race on it, and closing a receiver unlinks the receive it left
 *       queued. A receiver's read position is its owner's alone and never needs the lock.
 *   <li><b>Memory.</b> The ring never grows: a slow receiver lags instead. Values stay until
 *       overwritten, or until the last receiver closes (nobody can read them after that: a new
 *       receiver starts at {@code tail}), when the ring is cleared.
 * </ul>
 *
 * @param <T> the message type
 */
final class BroadcastRing<T> {

    /** One sent value and its position; a new object per send, so the pair is never torn. */
    record Slot<T>(long pos, T value) {}

    /** The largest capacity accepted (the ring is one array). */
    static final int MAX_CAPACITY = 1 << 30;

    private final Slot<T>[] slots; // elements: stored (release) under lock, read (acquire) by anyone
    private final int mask;
    private final Object lock = new Object();

    // The next position to send. Written under lock (release, see setTailRelease); read under lock
    // plain, or by a lagging reader with getAcquire, pairing with that release.
    private volatile long tail;

    // false -> true once, under lock, by the last sender's close (release, see closeSender); read
    // by readers with getAcquire.
    private volatile boolean closed;

    private int senders = 1;   // guarded by lock
    private int receivers = 1; // guarded by lock
    private final WaitList<BroadcastRecv<T>> waiters = new WaitList<>(); // guarded by lock

    @SuppressWarnings("unchecked")
    BroadcastRing(int capacity) {
        this.slots = (Slot<T>[]) new Slot<?>[capacity];
        this.mask = capacity - 1;
    }

    /** @return {@code capacity} rounded up to a power of two, after checking its range */
    static int roundCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY
                    + " (it is rounded up to a power of two), was " + capacity);
        }
        return capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    }

    int capacity() {
        return slots.length;
    }

    /**
     * Stores {@code value} at the next position and wakes every waiting receive, unless no receiver
     * is open.
     *
     * @return whether it was stored
     */
    boolean send(Broadcast.Sender<T> from, T value) {
        WakeList wake = null;
        synchronized (lock) {
            checkOpenLocked(from);
            if (receivers == 0) {
                return false;
            }
            long pos = tail;
            setSlotRelease(pos, new Slot<>(pos, value));
            setTailRelease(pos + 1);
            if (!waiters.isEmpty()) {
                wake = takeWaitersLocked();
            }
        }
        if (wake != null) {
            wake.wakeAll();
        }
        return true;
    }

    /** {@code from} is copied; it is open, so the channel is too. */
    void addSender(Broadcast.Sender<T> from) {
        synchronized (lock) {
            checkOpenLocked(from);
            senders++;
        }
    }

    /** {@code h} closes, once; the last sender closes the channel and wakes every queued receive. */
    void closeSender(Broadcast.Sender<T> h) {
        WakeList wake;
        synchronized (lock) {
            if (h.closed) {
                return;
            }
            h.closed = true;
            if (--senders > 0) {
                return;
            }
            setClosedRelease();
            wake = takeWaitersLocked();
        }
        wake.wakeAll();
    }

    /**
     * Counts a new receiver, made by sender {@code from} (checked to be open) or, when
     * {@code null}, copied from an open receiver.
     *
     * @return the position a receiver subscribing now starts at
     */
    long addReceiver(Broadcast.Sender<T> from) {
        synchronized (lock) {
            checkOpenLocked(from);
            receivers++;
            return tail;
        }
    }

    /** A receiver closed: it no longer counts, and the receive it had queued (if any) leaves. */
    void closeReceiver(Broadcast.Receiver<T> rx) {
        synchronized (lock) {
            BroadcastRecv<T> queued = rx.queued;
            rx.queued = null;
            if (queued != null) {
                waiters.remove(queued);
                queued.waker = null;
            }
            if (--receivers == 0) {
                for (int i = 0; i < slots.length; i++) {
                    setSlotRelease(i, null); // unreadable from now on: release the values
                }
            }
        }
    }

    int receiverCount() {
        synchronized (lock) {
            return receivers;
        }
    }

    /**
     * The slow path of a receive: reads again under the lock, and queues {@code node} with
     * {@code waker} if there is still nothing.
     *
     * @return the outcome, or {@code null} if {@code node} is queued
     */
    RecvResult<T> readOrQueue(Broadcast.Receiver<T> rx, BroadcastRecv<T> node, Waker waker) {
        synchronized (lock) {
            RecvResult<T> r = rx.read();
            if (r == null) {
                node.setWaker(waker);
                if (!node.isLinked()) {
                    waiters.addLast(node);
                }
                rx.queued = node;
            } else {
                unlinkLocked(rx, node); // queued by an earlier poll, and no send took it yet
            }
            return r;
        }
    }

    /** Unlinks a receive of {@code rx} that no longer waits (it returned, or was closed). */
    void dequeue(Broadcast.Receiver<T> rx, BroadcastRecv<T> node) {
        synchronized (lock) {
            unlinkLocked(rx, node);
        }
    }

    private void unlinkLocked(Broadcast.Receiver<T> rx, BroadcastRecv<T> node) {
        waiters.remove(node);
        node.waker = null;
        if (rx.queued == node) {
            rx.queued = null;
        }
    }

    private static void checkOpenLocked(Broadcast.Sender<?> h) {
        if (h != null && h.closed) {
            throw new IllegalStateException("this broadcast sender was closed");
        }
    }

    /** Empties the queue under lock; the caller wakes the result after unlocking. */
    private WakeList takeWaitersLocked() {
        WakeList wake = new WakeList();
        BroadcastRecv<T> w;
        while ((w = waiters.pollFirst()) != null) {
            wake.add(w.takeWaker());
        }
        return wake;
    }

    /** @return how many receives are queued (a snapshot, for tests) */
    int waiterCount() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    // ---- VarHandle mechanics ----

    /** Pairs with {@link #setSlotRelease}: a slot seen is a value fully seen. */
    @SuppressWarnings("unchecked")
    Slot<T> slotAcquire(long pos) {
        return (Slot<T>) SLOTS.getAcquire(slots, (int) pos & mask);
    }

    private void setSlotRelease(long pos, Slot<T> s) {
        SLOTS.setRelease(slots, (int) pos & mask, s);
    }

    /** Pairs with {@link #setTailRelease}. */
    long tailAcquire() {
        return (long) TAIL.getAcquire(this);
    }

    private void setTailRelease(long t) {
        TAIL.setRelease(this, t);
    }

    /** Pairs with {@link #setClosedRelease}: closed seen means every send seen. */
    boolean closedAcquire() {
        return (boolean) CLOSED.getAcquire(this);
    }

    private void setClosedRelease() {
        CLOSED.setRelease(this, true);
    }

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Slot[].class);
    private static final VarHandle TAIL;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(BroadcastRing.class, "tail", long.class);
            CLOSED = l.findVarHandle(BroadcastRing.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
