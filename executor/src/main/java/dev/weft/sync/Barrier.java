package dev.weft.sync;

import dev.weft.Future;
import dev.weft.Waker;
import dev.weft.internal.sync.WaitList;
import dev.weft.internal.sync.WakeList;

/**
 * Lets a fixed number of tasks wait for each other: each calls {@link #await()}, and all of them
 * are released together once the last one arrives. The barrier then starts over for the next
 * round (generation), so the same tasks can meet again and again. The semantics are those of
 * Tokio's {@code Barrier}.
 *
 * <pre>{@code
 * Barrier loaded = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     int id = i;
 *     runtime.spawn(Futures.lazy(() -> load(id))
 *             .then(part -> loaded.await())              // nobody goes on until all three loaded
 *             .map(r -> r.isLeader() ? announce() : null));
 * }
 * }</pre>
 *
 * <p>Memory effects: actions of every task before its {@code await()} future is first polled (its
 * arrival) happen-before every {@code await()} future of the same generation returns
 * {@code Ready}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Everything is guarded by {@link #lock}: the number of arrivals in the current generation,
 * {@link #arrived}, and the queue of the tasks that arrived and wait, {@link #waiters}. An
 * arrival is counted at the first poll of an {@code await()} future, not at its creation. The
 * arrival that brings the count to {@code parties} is the leader: it takes the whole queue, marks
 * every waiter released (a release store, paired with the waiter's acquire load, on top of the
 * lock), resets the count for the next generation and wakes the waiters after unlocking. A waiter
 * closed while queued withdraws: it leaves the queue and the count goes down by one, so the
 * generation needs one more arrival. A waiter closed after its release changes nothing: its
 * generation is over. There is no lock-free path: every arrival changes the count and must be
 * ordered with every other, so a lock is as cheap as a CAS loop and simpler.
 */
public final class Barrier {

    private final int parties;
    private final Object lock = new Object();
    private int arrived; // guarded by lock: arrivals in the current generation, 0..parties-1
    private final WaitList<BarrierArrival> waiters = new WaitList<>(); // guarded by lock

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * <pre>{@code
     * Barrier start = new Barrier(3);
     * }</pre>
     *
     * @param parties how many tasks must arrive to release a generation, at least 1
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException(
                    "a barrier needs at least 1 party, was " + parties);
        }
        this.parties = parties;
    }

    /**
     * Returns how many tasks must arrive to release a generation, as given to the constructor.
     *
     * @return the number of parties
     */
    public int parties() {
        return parties;
    }

    /**
     * Returns a future that arrives at the barrier on its first poll and completes once
     * {@link #parties()} tasks have arrived in the same generation. The task whose arrival
     * completed the generation gets {@code isLeader() == true}; the others {@code false}. Every
     * {@code Ready} spends one unit of the task's {@link dev.weft.Budget}.
     *
     * <p>Cancel safety: a future closed (dropped, timed out, aborted) before its generation was
     * complete withdraws its arrival: the barrier then needs one more task to release the others.
     * Closed after the generation completed, it changes nothing: the others are released already.
     *
     * <pre>{@code
     * BarrierWaitResult r = runtime.blockOn(barrier.await());
     * }</pre>
     *
     * @return a new future, {@link AutoCloseable}; polling it after it returned {@code Ready}
     *     throws {@link IllegalStateException}
     */
    public Future<BarrierWaitResult> await() {
        return new BarrierArrival(this);
    }

    /**
     * Counts {@code a}'s arrival: completes the generation if it is the last, else queues it.
     *
     * @return {@code true} if {@code a} is the leader (the generation is released)
     */
    boolean arrive(BarrierArrival a, Waker waker) {
        WakeList wake;
        synchronized (lock) {
            if (arrived + 1 < parties) {
                arrived++;
                a.setWaker(waker);
                a.setPhaseRelease(BarrierArrival.WAITING);
                waiters.addLast(a);
                return false;
            }
            arrived = 0;
            wake = new WakeList();
            BarrierArrival w;
            while ((w = waiters.pollFirst()) != null) {
                w.setPhaseRelease(BarrierArrival.RELEASED); // pairs with getAcquire in poll
                wake.add(w.takeWaker());
            }
        }
        wake.wakeAll();
        return true;
    }

    /**
     * A later poll of a queued {@code a}: store the new waker unless it was released meanwhile.
     *
     * @return {@code true} if {@code a} still waits
     */
    boolean stillWaiting(BarrierArrival a, Waker waker) {
        synchronized (lock) {
            if (a.phase() == BarrierArrival.WAITING) {
                a.setWaker(waker);
                return true;
            }
            return false;
        }
    }

    /** Withdraws {@code a}'s arrival if its generation is not complete. */
    void withdraw(BarrierArrival a) {
        synchronized (lock) {
            if (waiters.remove(a)) {
                arrived--;
            }
            a.takeWaker();
            a.setPhaseRelease(BarrierArrival.DONE);
        }
    }

    /** @return how many tasks wait (a snapshot, for tests) */
    int waiterCount() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    /** @return the arrivals counted in the current generation (a snapshot, for tests) */
    int arrivedCount() {
        synchronized (lock) {
            return arrived;
        }
    }

    @Override
    public String toString() {
        return "Barrier[parties=" + parties + ", arrived=" + arrivedCount() + "]";
    }
}
