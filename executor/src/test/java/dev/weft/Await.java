package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for things the tests know will happen; a timeout is a test failure. */
final class Await {

    /** Generous: only a broken runtime takes this long. */
    static final long SECONDS = 10;

    private Await() {}

    static void await(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(SECONDS, TimeUnit.SECONDS)).as("timed out waiting for %s", what).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /**
     * Waits for a latch that tasks on an idle worker must open, spawning a no-op task from outside
     * every so often. The no-op wakes a parked worker whose wake-up was lost: a worker that parks
     * without searching does not look at the queues again, so work queued on a busy worker can wait
     * for that worker's current poll (see WorkStealingTest). Tests whose polls block need the other
     * workers awake; they use this until that is fixed.
     */
    static void awaitKicking(Runtime rt, CountDownLatch latch, String what) {
        try {
            for (int i = 0; i < SECONDS * 5; i++) {
                if (latch.await(200, TimeUnit.MILLISECONDS)) {
                    return;
                }
                rt.spawn(cx -> Poll.ready(null));
            }
            throw new AssertionError("timed out waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** For use inside task bodies and blocking calls, where a checked exception cannot escape. */
    static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted joining " + t.getName(), e);
        }
        assertThat(t.isAlive()).as("thread %s ended", t.getName()).isFalse();
    }
}
