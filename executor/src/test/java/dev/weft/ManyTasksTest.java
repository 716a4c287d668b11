package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A million tasks, spawned from outside and from inside a task, all run and are all joined. */
class ManyTasksTest {

    private static final int MILLION = 1_000_000;
    private static final long EXPECTED_SUM = (long) MILLION * (MILLION - 1) / 2;

    /** Joins handles in order, summing their values; pending while the next one is. */
    private static final class SumAll implements Future<Long> {
        private final List<JoinHandle<Integer>> handles;
        private int next;
        private long sum;

        SumAll(List<JoinHandle<Integer>> handles) {
            this.handles = handles;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (next < handles.size()) {
                Poll<Integer> p = handles.get(next).poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                sum += p.value();
                handles.set(next++, null); // let finished tasks go
            }
            return Poll.ready(sum);
        }
    }

    @Test
    void aMillionTasksSpawnedFromOutsideAreAllJoined() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>(MILLION);
            for (int i = 0; i < MILLION; i++) {
                int n = i;
                handles.add(rt.spawn(cx -> Poll.ready(n)));
            }

            long sum = rt.blockOn(new SumAll(handles));

            assertThat(sum).isEqualTo(EXPECTED_SUM);
        }
    }

    /** The spawning task overflows its worker's local queue many times over; nothing is lost. */
    @Test
    void aMillionTasksSpawnedFromInsideATaskAreAllJoined() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            JoinHandle<Long> parent = rt.spawn(new Future<Long>() {
                SumAll children;

                @Override
                public Poll<Long> poll(Context cx) {
                    if (children == null) {
                        List<JoinHandle<Integer>> handles = new ArrayList<>(MILLION);
                        for (int i = 0; i < MILLION; i++) {
                            int n = i;
                            handles.add(Task.spawn(cx2 -> Poll.ready(n)));
                        }
                        children = new SumAll(handles);
                    }
                    return children.poll(cx);
                }
            });

            long sum = rt.blockOn(parent);

            assertThat(sum).isEqualTo(EXPECTED_SUM);
        }
    }

    /** Tasks that yield and wake each other through join handles, on every flavour. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aHundredThousandYieldingTasksAreAllJoined(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            int n = 100_000;
            List<JoinHandle<Integer>> handles = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int v = i;
                Future<Void> y = Task.yieldNow();
                handles.add(f.rt.spawn(cx -> y.poll(cx).map(x -> v)));
            }

            long sum = f.join(f.rt.spawn(new SumAll(handles)));

            assertThat(sum).isEqualTo((long) n * (n - 1) / 2);
        }
    }
}
