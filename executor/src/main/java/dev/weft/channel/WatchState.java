package dev.weft.channel;

import dev.weft.Budget;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.internal.sync.WaitList;
import dev.weft.internal.sync.WaitNode;
import dev.weft.internal.sync.WakeList;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The state shared by every end of a {@link Watch}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The current value and its version are one immutable {@link Snapshot} in the volatile field
 * {@link #current}, so a reader sees a consistent pair without a lock. Every write of
 * {@code current}, and the waiter lists, the receiver count and the close of the sender, are
 * guarded by {@link #lock}.
 *
 * <ul>
 *   <li><b>Versions.</b> Each send that stores a value makes a snapshot with the next version. A
 *       receiver remembers the version it saw; a version it has not seen means "changed". Close
 *       makes a snapshot with the same version and {@code closed} set, so a receiver still gets the
 *       last value before it gets {@code Closed}.
 *   <li><b>No lost wake-up.</b> A {@code changed()} waiter links itself under the lock, after
 *       re-reading {@code current} there and finding nothing new; a send replaces {@code current}
 *       and takes the whole list under the same lock. Every send makes a version newer than any
 *       waiter saw, so it can wake them all; a {@code waitFor} waiter whose predicate still fails
 *       registers again.
 *   <li><b>Publication.</b> {@code current} is written (volatile, a release) under the lock and
 *       read (volatile, an acquire) anywhere; a snapshot's fields are final. So whatever the sender
 *       did before storing a value happens-before a read that returns it.
 *   <li><b>No waker under the lock.</b> Wakers are collected into a {@link WakeList} and called
 *       after the lock is released. A cancelled waiter unlinks itself in O(1).
 *   <li><b>Closed side.</b> {@link #receivers} counts open receivers; the sender's
 *       {@code closed()} waiters queue in {@link #closedWaiters} until it reaches zero.
 * </ul>
 *
 * @param <T> the value type
 */
final class WatchState<T> {

    /** A version and its value, never changed once published. */
    record Snapshot<T>(long version, T value, boolean closed) {}

    /** No version: a receiver whose seen version is this always has something unseen. */
    static final long UNSEEN = -1;

    private final Object lock = new Object();
    // Written under lock (volatile store: publishes the snapshot); read anywhere (volatile load).
    private volatile Snapshot<T> current;
    private final WaitList<Waiter> changedWaiters = new WaitList<>(); // guarded by lock
    private final WaitList<ClosedWaiter> closedWaiters = new WaitList<>(); // guarded by lock
    private int receivers = 1; // open receivers; guarded by lock

    WatchState(T initial) {
        current = new Snapshot<>(0, initial, false);
    }

    Snapshot<T> snapshot() {
        return current;
    }

    // ------------------------------------------------------------------------------ sender side

    SendResult<T> send(T v) {
        WakeList wake = new WakeList();
        synchronized (lock) {
            Snapshot<T> s = openSnapshotLocked();
            if (receivers == 0) {
                return new SendResult.Closed<>(v);
            }
            publishLocked(s, v, wake);
        }
        wake.wakeAll();
        return SendResult.sent();
    }

    T sendReplace(T v) {
        WakeList wake = new WakeList();
        T old;
        synchronized (lock) {
            Snapshot<T> s = openSnapshotLocked();
            old = s.value();
            publishLocked(s, v, wake);
        }
        wake.wakeAll();
        return old;
    }

    /**
     * Applies {@code fn} under the lock (senders are serialized, so no update is lost) and stores
     * its result if {@code always}, or if it is a different reference.
     */
    boolean sendModify(UnaryOperator<T> fn, boolean always) {
        WakeList wake = new WakeList();
        synchronized (lock) {
            Snapshot<T> s = openSnapshotLocked();
            T next = Objects.requireNonNull(fn.apply(s.value()), "the value returned by fn");
            if (!always && next == s.value()) {
                return false;
            }
            publishLocked(s, next, wake);
        }
        wake.wakeAll();
        return true;
    }

    void closeSender() {
        WakeList wake = new WakeList();
        synchronized (lock) {
            Snapshot<T> s = current;
            if (s.closed()) {
                return;
            }
            current = new Snapshot<>(s.version(), s.value(), true);
            takeAllLocked(wake);
        }
        wake.wakeAll();
    }

    private Snapshot<T> openSnapshotLocked() {
        Snapshot<T> s = current;
        if (s.closed()) {
            throw new IllegalStateException("the watch sender is closed: it cannot send any more");
        }
        return s;
    }

    private void publishLocked(Snapshot<T> s, T v, WakeList wake) {
        current = new Snapshot<>(s.version() + 1, v, false);
        takeAllLocked(wake);
    }

    private void takeAllLocked(WakeList wake) {
        Waiter w;
        while ((w = changedWaiters.pollFirst()) != null) {
            wake.add(w.takeWaker());
        }
    }

    int receiverCount() {
        synchronized (lock) {
            return receivers;
        }
    }

    Future<Void> closedFuture() {
        return new ClosedWaiter();
    }

    // ------------------------------------------------------------------------------ receivers

    /** Counts a new receiver in; works after every receiver left (the channel opens again). */
    void addReceiver() {
        synchronized (lock) {
            receivers++;
        }
    }

    void removeReceiver() {
        WakeList wake = new WakeList();
        synchronized (lock) {
            if (--receivers > 0) {
                return;
            }
            ClosedWaiter w;
            while ((w = closedWaiters.pollFirst()) != null) {
                wake.add(w.takeWaker());
            }
        }
        wake.wakeAll();
    }

    Future<RecvResult<T>> changed(Watch.Receiver<T> rx, Predicate<? super T> p) {
        return new Waiter(rx, p);
    }

    /** @return linked {@code changed()}/{@code waitFor} waiters (tests: cancelled ones leave none) */
    int changedWaiterCount() {
        synchronized (lock) {
            return changedWaiters.size();
        }
    }

    /** @return linked sender {@code closed()} waiters (tests) */
    int closedWaiterCount() {
        synchronized (lock) {
            return closedWaiters.size();
        }
    }

    /**
     * A {@code changed()} (no predicate) or {@code waitFor(p)} future. Touched by its owner's task
     * and, for the links and the waker, by senders under the lock.
     */
    private final class Waiter extends WaitNode implements Future<RecvResult<T>>, AutoCloseable {
        private final Watch.Receiver<T> rx;
        private final Predicate<? super T> predicate; // null for changed()
        private long tested = UNSEEN; // waitFor: the last version the predicate was given
        private boolean done;
        private boolean registered; // ever linked: only then does close() need the lock

        Waiter(Watch.Receiver<T> rx, Predicate<? super T> predicate) {
            this.rx = rx;
            this.predicate = predicate;
        }

        @Override
        public Poll<RecvResult<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("watch future polled after it completed or was closed");
            }
            if (!Budget.proceed(cx)) {
                return Poll.pending();
            }
            for (;;) {
                Snapshot<T> s = current;
                RecvResult<T> r;
                try {
                    r = check(s);
                } catch (RuntimeException | Error e) {
                    done = true; // the predicate threw: this future failed
                    throw e;
                }
                if (r != null) {
                    done = true;
                    return Poll.ready(r);
                }
                synchronized (lock) {
                    if (current == s) { // nothing new since check(s): any send now finds us linked
                        setWaker(cx.waker());
                        if (!isLinked()) {
                            changedWaiters.addLast(this);
                        }
                        registered = true;
                        break;
                    }
                }
            }
            Budget.refund(cx);
            return Poll.pending();
        }

        /** @return the outcome if {@code s} gives one, or null to wait; marks what it returns seen */
        private RecvResult<T> check(Snapshot<T> s) {
            if (rx.isClosedByOwner()) {
                return RecvResult.closed();
            }
            if (predicate == null) {
                if (s.version() != rx.seen) {
                    rx.seen = s.version();
                    return RecvResult.of(s.value());
                }
            } else if (s.version() != tested) {
                tested = s.version();
                rx.seen = s.version(); // as Tokio's wait_for: what the predicate saw counts as seen
                if (predicate.test(s.value())) {
                    return RecvResult.of(s.value());
                }
            }
            return s.closed() ? RecvResult.closed() : null;
        }

        @Override
        public void close() {
            done = true;
            if (registered) {
                synchronized (lock) {
                    changedWaiters.remove(this);
                    waker = null;
                }
            }
        }
    }

    /** The sender's {@code closed()}: ready once no receiver is left. */
    private final class ClosedWaiter extends WaitNode implements Future<Void>, AutoCloseable {
        private boolean done;
        private boolean registered; // ever linked: only then does close() need the lock

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("closed() future polled after it completed or was closed");
            }
            if (!Budget.proceed(cx)) {
                return Poll.pending();
            }
            synchronized (lock) {
                if (receivers > 0) {
                    setWaker(cx.waker());
                    if (!isLinked()) {
                        closedWaiters.addLast(this);
                    }
                    registered = true;
                    Budget.refund(cx);
                    return Poll.pending();
                }
                closedWaiters.remove(this);
            }
            done = true;
            return Poll.ready(null);
        }

        @Override
        public void close() {
            done = true;
            if (registered) {
                synchronized (lock) {
                    closedWaiters.remove(this);
                    waker = null;
                }
            }
        }
    }
}
