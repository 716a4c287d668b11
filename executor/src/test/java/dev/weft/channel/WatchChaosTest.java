package dev.weft.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.Chaos;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded chaos for watch: receivers wait on {@code changed()} with random timeouts while some are
 * aborted. Every surviving receiver sees versions in order and ends on the last value; no waiter
 * is left behind.
 */
class WatchChaosTest {

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void survivorsEndOnTheLastValueAndNoWaiterIsLeft(RuntimeFlavour flavour) {
        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed * 53 + flavour.ordinal());
            try (Runtime rt = flavour.builder().startPaused(true).build()) {
                Watch<Integer> ch = Watch.channel(0);
                int last = 300;
                List<Watch.Receiver<Integer>> receivers = java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> ch.sender().subscribe()).toList(); // before the first send
                rt.spawn(Loops.repeat(last, i -> Task.yieldNow().map(v -> {
                    ch.sender().sendReplace(i + 1);
                    return null;
                })).map(v -> {
                    ch.sender().close();
                    return null;
                }));
                List<Integer> finals = Chaos.run(rt, rnd, 20, 0.25, t -> {
                    Random r = new Random(rnd.nextLong());
                    return new Follow(receivers.get(t), r);
                });
                ch.receiver().close();
                assertThat(finals.stream().filter(Objects::nonNull)).as("seed %d", seed)
                        .isNotEmpty().containsOnly(last);
                assertThat(ch.sender().shared().changedWaiterCount()).as("seed %d", seed).isZero();
            }
        }
    }

    /** Follows the watch until it closes, checking versions only grow; returns the last value seen. */
    private static final class Follow implements Future<Integer>, AutoCloseable {
        private final Watch.Receiver<Integer> rx;
        private final Random rnd;
        private Future<RecvResult<Integer>> changed;
        private int seen = -1;

        Follow(Watch.Receiver<Integer> rx, Random rnd) {
            this.rx = rx;
            this.rnd = rnd;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            for (;;) {
                if (changed == null) {
                    changed = Chaos.maybeTimeout(rnd, rx.changed());
                }
                Poll<RecvResult<Integer>> p = changed.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                closeChanged();
                RecvResult<Integer> r = p.value();
                if (r == null) {
                    continue; // gave up waiting: wait again
                }
                if (r instanceof RecvResult.Closed) {
                    rx.close();
                    return Poll.ready(seen);
                }
                int v = r.value();
                if (v <= seen) {
                    throw new AssertionError("went back from " + seen + " to " + v);
                }
                seen = v;
            }
        }

        private void closeChanged() {
            Future<RecvResult<Integer>> c = changed;
            changed = null;
            try {
                ((AutoCloseable) c).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            if (changed != null) {
                closeChanged();
            }
            rx.close();
        }
    }
}
