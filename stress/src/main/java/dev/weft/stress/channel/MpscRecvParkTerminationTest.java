package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.channel.Mpsc;
import dev.weft.channel.RecvResult;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A receiver that really sleeps between polls, as a worker thread would: the actor polls a
 * {@code recv()} with a waker that unparks it, and parks until that waker fires. The signal sends
 * one message per round, each only after the actor announced it is about to wait for it, and
 * spins a random 0-400 times first so that the send lands anywhere in the receiver's
 * poll-register-recheck-park window (STRESS.md); in a last round it closes the only sender, so the
 * close's wake is exercised too. If the channel loses a wake-up, the actor parks forever (STALE).
 * {@value #ROUNDS} message rounds plus the close round per sample.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every message and the end were received: no wake-up lost")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the receiver parked while a message (or the close) was there")
@State
public class MpscRecvParkTerminationTest {

    static final int ROUNDS = 8;

    private final Mpsc<String> channel = Mpsc.bounded(1);
    private volatile int ready; // the round the receiver is about to wait in

    @Actor
    public void receive() {
        ParkingWaker waker = new ParkingWaker(Thread.currentThread());
        Context cx = new Context(waker);
        Mpsc.Receiver<String> rx = channel.receiver();
        for (int round = 1; round <= ROUNDS + 1; round++) {
            Future<RecvResult<String>> recv = rx.recv();
            ready = round; // volatile: after the previous message's slot went back
            RecvResult<String> got;
            for (;;) {
                Poll<RecvResult<String>> p = recv.poll(cx);
                if (p.isReady()) {
                    got = p.value();
                    break;
                }
                waker.await();
            }
            boolean expected = round <= ROUNDS
                    ? got.isValue() && got.value().equals(Integer.toString(round))
                    : got instanceof RecvResult.Closed;
            if (!expected) {
                throw new AssertionError("round " + round + " received " + got);
            }
        }
    }

    @Signal
    public void sendThenClose() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Mpsc.Sender<String> tx = channel.sender();
        for (int round = 1; round <= ROUNDS + 1; round++) {
            while (ready < round) {
                Thread.onSpinWait();
            }
            for (int i = random.nextInt(401); i > 0; i--) {
                Thread.onSpinWait();
            }
            if (round <= ROUNDS) {
                if (!tx.trySend(Integer.toString(round)).isSent()) {
                    throw new AssertionError("round " + round + ": the slot should be free");
                }
            } else {
                tx.close();
            }
        }
    }

    /** Unparks the receiver's thread; {@link #await} parks until a wake came. */
    private static final class ParkingWaker implements Waker {
        private final Thread owner;
        private volatile boolean woken;

        ParkingWaker(Thread owner) {
            this.owner = owner;
        }

        @Override
        public void wake() {
            woken = true; // volatile, before the unpark: await re-checks it after every return
            LockSupport.unpark(owner);
        }

        /** Parks until woken, then consumes the wake. */
        void await() {
            while (!woken) {
                LockSupport.park(this);
            }
            woken = false;
        }
    }
}
