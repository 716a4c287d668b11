package dev.weft.stress.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.runtime.Parker;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Park vs unpark: an unpark is never lost, whether it comes before the park (the park returns at
 * once), between the EMPTY to PARKED transition and {@code LockSupport.park}, or while the thread
 * sleeps. The actor binds the parker, announces round k in {@code ready} and parks; the signal
 * waits for the announcement, spins a random 0-400 times so that the unpark lands anywhere around
 * the park (STRESS.md), and unparks. {@value #ROUNDS} rounds per sample, because a termination
 * sample costs a thread start and a millisecond of jcstress's own waiting; each unpark is sent
 * only after the park it is meant for was announced, so none can be coalesced into another.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every park() returned: no unpark was lost")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost unpark: the thread stayed parked")
@State
public class ParkerParkVsUnparkTest {

    static final int ROUNDS = 8;

    private final Parker parker = new Parker(null);
    private volatile int ready; // the round the actor is about to park in

    @Actor
    public void parks() {
        parker.bind(Thread.currentThread());
        for (int round = 1; round <= ROUNDS; round++) {
            ready = round; // volatile: the signal that reads it also sees the binding
            parker.park();
        }
    }

    @Signal
    public void unparks() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 1; round <= ROUNDS; round++) {
            while (ready < round) {
                Thread.onSpinWait();
            }
            for (int i = random.nextInt(401); i > 0; i--) {
                Thread.onSpinWait();
            }
            parker.unpark();
        }
    }
}
