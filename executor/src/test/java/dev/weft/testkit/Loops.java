package dev.weft.testkit;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.function.IntFunction;

/** Sequential loops of futures, for test tasks that await many times. */
public final class Loops {
    private Loops() {}

    /**
     * Runs {@code body(0)}, awaits it, then {@code body(1)}, ... up to {@code n - 1}. Closing the
     * loop closes the step in progress.
     *
     * @param n    iterations
     * @param body the i-th step
     * @return a future completing after the last step
     */
    public static Future<Void> repeat(int n, IntFunction<? extends Future<?>> body) {
        return new Repeat(n, body);
    }

    private static final class Repeat implements Future<Void>, AutoCloseable {
        private final int n;
        private final IntFunction<? extends Future<?>> body;
        private int i;
        private Future<?> current;

        Repeat(int n, IntFunction<? extends Future<?>> body) {
            this.n = n;
            this.body = body;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (i < n) {
                if (current == null) {
                    current = body.apply(i);
                }
                if (!current.poll(cx).isReady()) {
                    return Poll.pending();
                }
                close();
                i++;
            }
            return Poll.ready(null);
        }

        @Override
        public void close() {
            Future<?> f = current;
            current = null;
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
