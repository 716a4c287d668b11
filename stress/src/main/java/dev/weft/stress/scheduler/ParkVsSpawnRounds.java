package dev.weft.stress.scheduler;

import dev.weft.Poll;
import dev.weft.Runtime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The two sides of the park-vs-spawn termination tests, for {@value #ROUNDS} rounds per sample
 * (a termination sample costs a thread start plus a millisecond of jcstress's own waiting, so one
 * round per sample would give only a few thousand races in {@code -m quick}).
 *
 * <p>Round k: the actor spawns task A_k and waits until B_k has run; A_k, running on a worker,
 * announces k; the signal waits for that, spins a random 0-400 times, and spawns B_k from its own
 * thread. B_k records k and unparks the actor. Rounds are strictly sequential, so every B lands
 * while the worker that ran A is searching for more work or parking.
 */
final class ParkVsSpawnRounds {

    static final int ROUNDS = 8;

    private final Runtime runtime;
    private volatile Thread waiter;
    private volatile int aRan; // last round whose task A ran
    private volatile int bRan; // last round whose task B ran

    ParkVsSpawnRounds(Runtime runtime) {
        this.runtime = runtime;
    }

    void actor() {
        waiter = Thread.currentThread();
        for (int round = 1; round <= ROUNDS; round++) {
            int k = round;
            runtime.spawn(cx -> {
                aRan = k;
                return Poll.ready(null);
            }).detach();
            while (bRan < k) {
                LockSupport.park(this);
            }
        }
    }

    void signal() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 1; round <= ROUNDS; round++) {
            int k = round;
            while (aRan < k) {
                Thread.onSpinWait();
            }
            for (int i = random.nextInt(401); i > 0; i--) {
                Thread.onSpinWait();
            }
            runtime.spawn(cx -> {
                bRan = k;
                LockSupport.unpark(waiter);
                return Poll.ready(null);
            }).detach();
        }
    }
}
