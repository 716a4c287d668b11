package dev.weft.channel;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state shared by the two ends of a {@link Oneshot}: lock-free, after Tokio's
 * {@code sync/oneshot.rs}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>One int word, {@link #state}, holds five flags. Each is set once by one side (the waker flags
 * may also be cleared, by their side only):
 *
 * <pre>
 *   VALUE_SENT    set by the sender with the CAS that publishes {@link #value}
 *   TX_CLOSED     set by the sender's close() (dropped without sending)
 *   RX_CLOSED     set by the receiver's close(); cleared never
 *   RX_WAKER_SET  {@link #rxWaker} is registered; set and cleared by the receiver only
 *   TX_WAKER_SET  {@link #txWaker} is registered; set and cleared by the sender's closed() futures
 * </pre>
 *
 * <p>The receiver is <i>complete</i> once {@code VALUE_SENT} or {@code TX_CLOSED} is set: nothing
 * will change for it any more. The sender's {@code closed()} is complete once {@code RX_CLOSED} is
 * set. The three fields {@link #value}, {@link #rxWaker} and {@link #txWaker} are plain; each is
 * published by the state transition that sets its flag:
 *
 * <ul>
 *   <li><b>Value.</b> The sender writes {@code value}, then CASes {@code VALUE_SENT} in (volatile,
 *       so a release); the receiver reads {@code value} only after a volatile read of the word
 *       (acquire) showed {@code VALUE_SENT}. The sender never touches {@code value} after that CAS;
 *       if the CAS is refused because {@code RX_CLOSED} is set, nobody will ever read it.
 *   <li><b>Wakers, registration.</b> A side writes its waker field only while its own
 *       {@code *_WAKER_SET} flag is clear and its waiting is not complete: first it clears the flag
 *       (atomic and, returning the old word), and if that word shows completion it stops there
 *       (ready) without writing. Otherwise it writes the waker, sets the flag (atomic or, volatile:
 *       the release that publishes the waker), and re-checks the word that or returned: if the
 *       other side completed in between it saw the flag clear, did not wake, and this side returns
 *       ready itself. So a waker is never written while the other side may read it.
 *   <li><b>Wakers, waking.</b> The completing side reads the other side's waker only if the
 *       CAS that completed it (acquire) saw that side's flag set, and it reads it after the CAS;
 *       from then on the waiting side never writes that field again (every write is preceded by a
 *       re-check that now shows completion). The waker is called after the CAS, outside any loop.
 *   <li><b>One wake, never lost.</b> Completion and registration both go through the one word,
 *       so in their total order either the registration's set came first (the completer sees the
 *       flag and wakes) or the completion came first (the registration's re-check sees it and the
 *       poll is ready). Never both, never neither.
 *   <li><b>Conservation.</b> {@code send} and the receiver's {@code close} are both CASes on the
 *       word: whichever comes first wins. If the value got in first it stays retrievable through
 *       {@code tryRecv} after the close; if the close came first {@code send} hands the value back.
 * </ul>
 *
 * <p>Each end is used by one task at a time (a receiver is a future, polled by one task); the
 * two ends run concurrently. Fields marked "receiver side" are touched only by the receiver's
 * owner, "sender side" only by the sender's owner, with the happens-before of handing an end from
 * one task to another.
 *
 * @param <T> the value type
 */
final class OneshotState<T> {

    static final int VALUE_SENT = 1;
    static final int TX_CLOSED = 1 << 1;
    static final int RX_CLOSED = 1 << 2;
    static final int RX_WAKER_SET = 1 << 3;
    static final int TX_WAKER_SET = 1 << 4;

    private static final int RX_COMPLETE = VALUE_SENT | TX_CLOSED;

    // The flags above; changed only by CAS or atomic and/or (all volatile).
    private volatile int state;

    // Written by the sender before the CAS that sets VALUE_SENT (release); read and cleared by the
    // receiver after it saw VALUE_SENT (acquire).
    private T value;
    // Written by the receiver while RX_WAKER_SET is clear, published by setting it (release); read
    // by the completing sender after its CAS saw the flag (acquire).
    private Waker rxWaker;
    // The same for the sender's closed() futures and the receiver's close().
    private Waker txWaker;

    // Receiver side: the value was handed out (by a poll or tryRecv); later receives are Closed.
    private boolean taken;
    // Sender side: the closed() future whose waker txWaker holds, so only it unregisters.
    private ClosedFuture txWakerOwner;

    // ------------------------------------------------------------------------------ sender side

    SendResult<T> send(T v) {
        int s;
        do {
            s = state;
            if ((s & VALUE_SENT) != 0) {
                throw new IllegalStateException("already sent: a oneshot carries one value");
            }
            if ((s & TX_CLOSED) != 0) {
                throw new IllegalStateException("the sender is closed: it cannot send any more");
            }
            if ((s & RX_CLOSED) != 0) {
                value = null; // the receiver never reads it (no VALUE_SENT); drop the reference
                return new SendResult.Closed<>(v);
            }
            value = v; // VALUE_SENT is clear, so nobody reads it; published by the CAS below
        } while (!casState(s, s | VALUE_SENT));
        if ((s & RX_WAKER_SET) != 0) {
            rxWaker.wake(); // the CAS saw the flag: the receiver no longer writes rxWaker
        }
        return SendResult.sent();
    }

    void closeSender() {
        int s;
        do {
            s = state;
            if ((s & RX_COMPLETE) != 0) {
                return; // sent already (the value stays), or closed already
            }
        } while (!casState(s, s | TX_CLOSED));
        if ((s & RX_WAKER_SET) != 0) { // never set together with RX_CLOSED (see closeReceiver)
            rxWaker.wake();
        }
    }

    boolean isReceiverClosed() {
        return (state & RX_CLOSED) != 0;
    }

    // ------------------------------------------------------------------------------ receiver side

    /** A poll of the receiver; budget and polled-after-ready are the caller's. */
    Poll<RecvResult<T>> pollRecv(Waker waker) {
        int s = state;
        if ((s & (RX_COMPLETE | RX_CLOSED)) != 0) {
            return Poll.ready(take(s));
        }
        if ((s & RX_WAKER_SET) != 0) {
            if (rxWaker.willWake(waker)) {
                return Poll.pending(); // the registered waker is this task's already
            }
            s = clearBits(RX_WAKER_SET);
            if ((s & RX_COMPLETE) != 0) {
                return Poll.ready(take(s)); // the sender may be reading rxWaker: leave it
            }
        }
        rxWaker = waker; // RX_WAKER_SET is clear: the sender will not read it until set below
        s = setBits(RX_WAKER_SET);
        if ((s & RX_COMPLETE) != 0) {
            return Poll.ready(take(s)); // completed before the flag was up: nobody woke us
        }
        return Poll.pending();
    }

    RecvResult<T> tryRecv() {
        int s = state;
        if ((s & (RX_COMPLETE | RX_CLOSED)) != 0) {
            return take(s);
        }
        return RecvResult.empty();
    }

    /** The outcome once nothing can change for the receiver any more; hands the value out once. */
    private RecvResult<T> take(int s) {
        if ((s & VALUE_SENT) != 0 && !taken) {
            taken = true;
            T v = value;
            value = null; // the sender never touches value after VALUE_SENT
            return RecvResult.of(v);
        }
        return RecvResult.closed();
    }

    void closeReceiver() {
        int s;
        do {
            s = state;
            if ((s & RX_CLOSED) != 0) {
                return;
            }
        } while (!casState(s, (s | RX_CLOSED) & ~RX_WAKER_SET));
        if ((s & (RX_WAKER_SET | RX_COMPLETE)) == RX_WAKER_SET) {
            rxWaker = null; // the sender found no flag and never will: safe to drop
        }
        if ((s & TX_WAKER_SET) != 0) {
            txWaker.wake(); // the CAS saw the flag: closed() futures no longer write txWaker
        }
    }

    Future<Void> closedFuture() {
        return new ClosedFuture();
    }

    /**
     * Completes when the receiver is closed. Registers in the single {@link #txWaker} slot by the
     * same clear/write/set/re-check protocol as the receiver; see {@link Oneshot.Sender#closed()}.
     */
    private final class ClosedFuture implements Future<Void>, AutoCloseable {
        private boolean done;

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("closed() future polled after it completed or was closed");
            }
            if (!Budget.proceed(cx)) {
                return Poll.pending();
            }
            Poll<Void> p = register(cx.waker());
            if (p.isReady()) {
                finish();
            } else {
                Budget.refund(cx);
            }
            return p;
        }

        private Poll<Void> register(Waker waker) {
            int s = state;
            if ((s & RX_CLOSED) != 0) {
                return Poll.ready(null);
            }
            if ((s & TX_WAKER_SET) != 0) {
                if (txWakerOwner == this && txWaker.willWake(waker)) {
                    return Poll.pending();
                }
                s = clearBits(TX_WAKER_SET);
                if ((s & RX_CLOSED) != 0) {
                    return Poll.ready(null);
                }
            }
            txWaker = waker;
            txWakerOwner = this;
            s = setBits(TX_WAKER_SET);
            if ((s & RX_CLOSED) != 0) {
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        /** Drops the registration if it is this future's. */
        private void finish() {
            done = true;
            if (txWakerOwner != this) {
                return;
            }
            txWakerOwner = null;
            int s = clearBits(TX_WAKER_SET);
            if ((s & RX_CLOSED) == 0) {
                txWaker = null; // no receiver close can read it now
            }
        }

        @Override
        public void close() {
            if (!done) {
                finish();
            }
        }
    }

    // ------------------------------------------------------------------------------ for tests

    /** @return the state word (tests and stress tests inspect the waker flags) */
    int stateForTest() {
        return state;
    }

    // ------------------------------------------------------------------------------ VarHandle mechanics

    private boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update); // volatile: release and acquire
    }

    /** Atomic or (volatile); returns the word before. */
    private int setBits(int bits) {
        return (int) STATE.getAndBitwiseOr(this, bits);
    }

    /** Atomic and-not (volatile); returns the word before. */
    private int clearBits(int bits) {
        return (int) STATE.getAndBitwiseAnd(this, ~bits);
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(OneshotState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
