package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class YieldNowTest {

    @Test
    void isPendingOnceAfterWakingThenReady() {
        AtomicInteger wakes = new AtomicInteger();
        Context cx = new Context(wakes::incrementAndGet);
        Future<Void> y = Task.yieldNow();

        assertThat(y.poll(cx).isReady()).isFalse();
        assertThat(wakes).hasValue(1);
        assertThat(y.poll(cx).isReady()).isTrue();
        assertThat(wakes).hasValue(1);
    }

    @Test
    void eachCallReturnsAFreshFuture() {
        Context cx = new Context(Waker.noop());
        Future<Void> first = Task.yieldNow();
        first.poll(cx);

        assertThat(Task.yieldNow().poll(cx).isReady()).isFalse();
    }

    /**
     * A yield sends the task behind every task already queued, and never to the LIFO slot: A spawns
     * B and C and yields; on one worker (LIFO slot: C, queue: B) or a current-thread runtime (queue:
     * B, C), A resumes only after both have run.
     */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"MULTI_THREAD_1", "CURRENT_THREAD"})
    void aYieldingTaskResumesAfterTheTasksQueuedBeforeIt(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            List<String> events = new CopyOnWriteArrayList<>();
            JoinHandle<Void> a = f.rt.spawn(new Future<Void>() {
                Future<Void> yield;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (yield == null) {
                        events.add("A before yield");
                        Task.spawn(cx2 -> Poll.ready(events.add("B")));
                        Task.spawn(cx2 -> Poll.ready(events.add("C")));
                        yield = Task.yieldNow();
                    }
                    if (!yield.poll(cx).isReady()) {
                        return Poll.pending();
                    }
                    events.add("A after yield");
                    return Poll.ready(null);
                }
            });

            f.join(a);

            assertThat(events).hasSize(4);
            assertThat(events.get(0)).isEqualTo("A before yield");
            assertThat(events.subList(1, 3)).containsExactlyInAnyOrder("B", "C");
            assertThat(events.get(3)).isEqualTo("A after yield");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aTaskCanYieldManyTimesAndFinish(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Integer> h = f.rt.spawn(new Future<Integer>() {
                int yields;
                Future<Void> y = Task.yieldNow();

                @Override
                public Poll<Integer> poll(Context cx) {
                    while (yields < 1000) {
                        if (!y.poll(cx).isReady()) {
                            return Poll.pending();
                        }
                        yields++;
                        y = Task.yieldNow();
                    }
                    return Poll.ready(yields);
                }
            });

            assertThat(f.join(h)).isEqualTo(1000);
        }
    }
}
