package dev.weft.stream;

import dev.weft.Context;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * {@link AsyncStream#throttle}: after each item, waits {@code period} before pulling the next one
 * from the upstream, so items come out at most once per period. The wait runs on the runtime's
 * timer; closing cancels it, then closes the upstream.
 */
final class ThrottleStream<T> extends Adapter<T, T> {
    private final Duration period;
    private Sleep gap; // running between an item and the next pull, else null

    ThrottleStream(AsyncStream<T> up, Duration period) {
        super(up);
        if (period.isNegative()) {
            throw new IllegalArgumentException("throttle: negative period " + period);
        }
        this.period = period;
    }

    @Override
    StreamPoll<T> step(AsyncStream<T> up, Context cx) {
        Sleep g = gap;
        if (g != null) {
            if (!g.poll(cx).isReady()) {
                return StreamPoll.pending();
            }
            gap = null;
            g.close();
        }
        StreamPoll<T> p = up.pollNext(cx);
        if (p instanceof StreamPoll.Item<T>) {
            gap = Time.sleep(period);
        }
        return p;
    }

    @Override
    void closeOwn() {
        Sleep g = gap;
        gap = null;
        if (g != null) {
            g.close();
        }
    }
}
