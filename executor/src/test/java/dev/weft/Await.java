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
