package dev.weft.channel;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.internal.sync.FairSemaphore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The state shared by the ends of one {@link Mpsc} channel.
 *
 * <h2>Implementation overview</h2>
 *
 * <ul>
 *   <li><b>Slots.</b> A {@link FairSemaphore} of {@link #bound} permits counts free slots (an
 *       unbounded channel has {@link FairSemaphore#MAX_PERMITS}). A sender takes a permit before
 *       it appends, the receiver returns one for each message it takes. So capacity is exact,
 *       waiting senders are served in FIFO order, and a send cancelled while waiting passes its
 *       grant on (the semaphore's cancel safety).
 *   <li><b>Unbounded channels return slots in batches.</b> No sender ever waits for a slot there
 *       ({@link FairSemaphore#MAX_PERMITS} of them), so the receiver owes the slots it took back
 *       in {@link #owed} and returns them {@value #RELEASE_BATCH} at a time: one compare-and-set
 *       on the semaphore word per batch instead of per message, which leaves that line to the
 *       senders (the word's compare-and-set was the hottest frame of the 5-producer benchmark,
 *       half of it the receiver's). The drained check below counts {@code owed} as returned.
 *   <li><b>Closing</b> is closing the semaphore: pending and later sends fail with the message
 *       handed back; messages already in the queue stay receivable. The receiver knows it has seen
 *       everything when the semaphore is closed <em>and</em> holds all {@code bound} permits (one
 *       read: {@link FairSemaphore#isClosedWith}): a sender between taking its permit and appending
 *       still holds that permit, so "closed" never hides a message in flight.
 *   <li><b>Receiver wake-up.</b> The receiver stores its waker in {@link #rxWaker} and then sets
 *       {@link #rxWaiting} (volatile), then looks at the queue and the semaphore again. A sender
 *       appends (volatile link), then reads {@code rxWaiting}; whoever CASes it from 1 to 0 calls
 *       the waker. Both sides store, then load, with sequentially consistent accesses (a Dekker
 *       pair), so either the receiver's second look finds the message or the sender finds the
 *       flag. Closing and returned reservations wake the same way after their semaphore CAS.
 *   <li>{@code rxWaker} is written only by the receiver, only while {@code rxWaiting} is 0. A
 *       sender reads it after its CAS 1 to 0; if the receiver meanwhile re-registers a new waker,
 *       the sender may call the old or the new one: either way the receiver's second look sees the
 *       message the sender appended before its CAS, so the race costs at most a spurious wake.
 * </ul>
 *
 * @param <T> the message type
 */
final class MpscChannel<T> {

    static final Object PENDING = new Object();
    static final Object CLOSED = new Object();

    final MpscQueue<T> queue = new MpscQueue<>();
    final FairSemaphore slots;
    private final dev.weft.sync.Notify closedSignal = new dev.weft.sync.Notify(); // for Sender.closed()
    final long bound;
    /** Unbounded channels only: slots the receiver has taken back but not yet returned. */
    private long owed; // receiver only
    static final int RELEASE_BATCH = 64;
    private volatile int senders = 1;   // live Sender handles; the last to close closes the channel
    private volatile int rxWaiting;     // 1 while rxWaker is registered; see the overview
    private Waker rxWaker;              // written by the receiver while rxWaiting == 0

    MpscChannel(long bound) {
        this.bound = bound;
        this.slots = new FairSemaphore(bound);
    }

    /** Appends a message whose slot the caller already holds, and wakes the receiver. */
    void push(T value) {
        queue.offer(value);
        wakeReceiver();
    }

    void wakeReceiver() {
        // the volatile read pairs with the receiver's volatile store in register(): a Dekker pair
        if (rxWaiting == 1 && RX_WAITING.compareAndSet(this, 1, 0)) {
            Waker w = rxWaker; // null only if the receiver unregistered since: nobody to wake
            if (w != null) {
                w.wake();
            }
        }
    }

    /** A sender handle was copied. */
    boolean addSender() {
        int n;
        do {
            n = senders;
            if (n == 0) {
                return false;
            }
        } while (!SENDERS.compareAndSet(this, n, n + 1));
        return true;
    }

    /** A sender handle was closed; the last one closes the channel. */
    void dropSender() {
        if ((int) SENDERS.getAndAdd(this, -1) == 1) {
            close();
        }
    }

    void close() {
        if (slots.close()) {
            closedSignal.notifyWaiters(); // senders awaiting closed()
        }
        wakeReceiver();
    }

    /** Completes once the channel is closed; see {@code Sender.closed()}. */
    dev.weft.Future<Void> closedFuture() {
        return new ClosedFuture();
    }

    /**
     * Creates its {@code Notified} before it looks at the semaphore, so a close between the look
     * and the wait is not missed ({@code notifyWaiters} completes every {@code Notified} created
     * before it).
     */
    private final class ClosedFuture implements dev.weft.Future<Void>, AutoCloseable {
        private dev.weft.sync.Notified notified;

        @Override
        public dev.weft.Poll<Void> poll(Context cx) {
            if (notified == null) {
                notified = closedSignal.notified();
            }
            if (slots.isClosed() || notified.poll(cx).isReady()) {
                close();
                return dev.weft.Poll.ready(null);
            }
            return dev.weft.Poll.pending();
        }

        @Override
        public void close() {
            if (notified != null) {
                notified.close();
            }
        }
    }

    boolean isDrained() {
        return slots.isClosedWith(bound - owed);
    }

    /** Returns {@code n} slots the receiver took messages from; receiver only. */
    private void releaseSlots(long n) {
        if (bound != FairSemaphore.MAX_PERMITS) {
            slots.release(n); // a bounded channel: a waiting sender may need the slot now
            return;
        }
        long o = owed + n;
        if (o >= RELEASE_BATCH) {
            slots.release(o);
            o = 0;
        }
        owed = o;
    }

    /**
     * Receives one message: the message, {@link #PENDING} (waker registered) or {@link #CLOSED}.
     * Spends budget on a message, none otherwise. Receiver only.
     */
    Object pollMessage(Context cx) {
        if (!Budget.proceed(cx)) {
            return PENDING;
        }
        T v = queue.poll();
        if (v == null) {
            if (isDrained()) {
                Budget.refund(cx);
                return CLOSED;
            }
            register(cx.waker());
            v = queue.poll();
            if (v == null) {
                Budget.refund(cx);
                return isDrained() ? CLOSED : PENDING;
            }
        }
        releaseSlots(1);
        return v;
    }

    /** Moves up to {@code limit} messages into {@code buffer}; see {@link #pollMessage}. */
    int pollMany(Context cx, List<? super T> buffer, int limit) {
        Object first = pollMessage(cx);
        if (first == PENDING) {
            return -1;
        }
        if (first == CLOSED) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        T t = (T) first;
        buffer.add(t);
        int n = 1;
        T v;
        while (n < limit && (v = queue.poll()) != null) {
            buffer.add(v);
            n++;
        }
        releaseSlots(n - 1L);
        return n;
    }

    /** Non-waiting receive; receiver only. */
    RecvResult<T> tryRecv() {
        T v = queue.poll();
        if (v != null) {
            releaseSlots(1);
            return RecvResult.of(v);
        }
        if (isDrained()) {
            return RecvResult.closed();
        }
        // A sender may be between its slot and its append; it will not be long, but it is not here.
        return RecvResult.empty();
    }

    private void register(Waker w) {
        if (rxWaiting == 1) {
            if (rxWaker.willWake(w)) {
                return; // still registered from an earlier poll of the same task
            }
            // Take the registration back before replacing the waker; if a sender took it first,
            // it is waking the old waker, and we look at the queue again below anyway.
            RX_WAITING.compareAndSet(this, 1, 0);
        }
        rxWaker = w;
        rxWaiting = 1; // volatile store, then the caller re-reads the queue: a Dekker pair with push()
    }

    /** Drops the receiver's registration (a receive future was closed). Receiver only. */
    void unregister() {
        if (rxWaiting == 1 && RX_WAITING.compareAndSet(this, 1, 0)) {
            rxWaker = null;
        }
    }

    private static final VarHandle RX_WAITING;
    private static final VarHandle SENDERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RX_WAITING = l.findVarHandle(MpscChannel.class, "rxWaiting", int.class);
            SENDERS = l.findVarHandle(MpscChannel.class, "senders", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
