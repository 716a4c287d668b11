package dev.weft.time;

import java.io.Serial;
import java.time.Duration;

/**
 * Thrown by a {@link Time#timeout(Duration, dev.weft.Future) timeout} future whose deadline passed
 * before the inner future completed. The inner future has been closed (cancelled) by then.
 *
 * <pre>{@code
 * try {
 *     rt.blockOn(Time.timeout(Duration.ofMillis(100), slowCall));
 * } catch (Elapsed e) {
 *     System.out.println("gave up after " + e.duration());
 * }
 * }</pre>
 */
public final class Elapsed extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration duration;

    Elapsed(Duration duration) {
        super("deadline elapsed: the future did not complete within " + duration, null, false, true);
        this.duration = duration;
    }

    /** @return the time limit that was exceeded */
    public Duration duration() {
        return duration;
    }
}
