package dev.weft.future;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinSet;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.future.JoinTest.Closing;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoinSetTest {

    private Runtime rt;

    @BeforeEach
    void start() {
        rt = Runtime.builder().workerThreads(2).build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void joinNextReturnsEveryTaskOnceThenEmpty() {
        try (JoinSet<Integer> set = new JoinSet<>(rt.handle())) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                set.spawn(Futures.lazy(() -> n));
            }
            assertThat(set.size()).isEqualTo(200);
            Set<Integer> seen = new HashSet<>();
            while (rt.blockOn(set.joinNext()) instanceof JoinSet.Next.Ok<Integer>(long id, Integer v)) {
                assertThat(seen.add(v)).isTrue();
            }
            assertThat(seen).hasSize(200);
            assertThat(set.isEmpty()).isTrue();
            assertThat(rt.blockOn(set.joinNext())).isInstanceOf(JoinSet.Next.Empty.class);
        }
    }

    @Test
    void aFailedTaskIsReportedAsErr() {
        try (JoinSet<Integer> set = new JoinSet<>(rt.handle())) {
            set.spawn(Futures.failed(new IllegalStateException("boom")));
            JoinSet.Next<Integer> n = rt.blockOn(set.joinNext());
            assertThat(n).isInstanceOfSatisfying(JoinSet.Next.Err.class, e -> {
                assertThat(e.error().isPanic()).isTrue();
                assertThat(e.error().getCause()).hasMessage("boom");
            });
            assertThat(set.isEmpty()).isTrue();
        }
    }

    @Test
    void abortAllCancelsEveryTaskAndTheyAreReportedAsCancelled() throws Exception {
        try (JoinSet<Integer> set = new JoinSet<>(rt.handle())) {
            CountDownLatch closed = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                set.spawn(new Closing(closed));
            }
            set.abortAll();
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                JoinSet.Next<Integer> n = rt.blockOn(set.joinNext());
                assertThat(n).isInstanceOfSatisfying(JoinSet.Next.Err.class, e -> assertThat(e.error().isCancelled()).isTrue());
            }
            assertThat(rt.blockOn(set.joinNext())).isInstanceOf(JoinSet.Next.Empty.class);
        }
    }

    @Test
    void closeAbortsEverythingStillRunning() throws Exception {
        CountDownLatch closed = new CountDownLatch(5);
        JoinSet<Integer> set = new JoinSet<>(rt.handle());
        for (int i = 0; i < 5; i++) {
            set.spawn(new Closing(closed));
        }
        set.close();
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(set.isEmpty()).isTrue();
    }

    @Test
    void joinNextIsCancelSafe() throws Exception {
        try (JoinSet<Integer> set = new JoinSet<>(rt.handle())) {
            Probes.Gate<Integer> gate = new Probes.Gate<>("gate", null);
            set.spawn(gate);
            // a joinNext that was polled (Pending) and then dropped, as the loser of a select would be
            Future<JoinSet.Next<Integer>> dropped = set.joinNext();
            assertThat(dropped.poll(Probes.cx()).isReady()).isFalse();
            // one dropped before it was ever polled
            set.joinNext();
            gate.complete(42);
            assertThat(rt.blockOn(set.joinNext())).isInstanceOfSatisfying(JoinSet.Next.Ok.class,
                    ok -> assertThat(ok.value()).isEqualTo(42));
            assertThat(rt.blockOn(set.joinNext())).isInstanceOf(JoinSet.Next.Empty.class);
        }
    }

    @Test
    void spawnFromInsideATaskUsesTheCurrentRuntime() {
        int total = rt.blockOn(rt.spawn(Futures.lazy(() -> {
            JoinSet<Integer> set = new JoinSet<>();
            for (int i = 1; i <= 10; i++) {
                int n = i;
                set.spawn(Task.yieldNow().map(v -> n));
            }
            return set;
        }).then(set -> sum(set))));
        assertThat(total).isEqualTo(55);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Future<Integer> sum(JoinSet<Integer> set) {
        int[] acc = {0};
        Future<JoinSet.Next<Integer>>[] next = new Future[] {set.joinNext()};
        return Futures.pollFn(cx -> {
            while (true) {
                var p = next[0].poll(cx);
                if (!p.isReady()) {
                    return dev.weft.Poll.pending();
                }
                if (p.value() instanceof JoinSet.Next.Ok<Integer>(long id, Integer v)) {
                    acc[0] += v;
                    next[0] = set.joinNext();
                } else {
                    set.close();
                    return dev.weft.Poll.ready(acc[0]);
                }
            }
        });
    }
}
