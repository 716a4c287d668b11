package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinError;
import dev.weft.JoinHandle;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.RuntimeFlavour;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OnceCellTest {

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void concurrentCallersRunOneInitialiserAndShareItsValue(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            OnceCell<String> cell = new OnceCell<>();
            AtomicInteger inits = new AtomicInteger();
            List<JoinHandle<String>> hs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int me = i;
                hs.add(rt.spawn(cell.getOrInit(() -> {
                    inits.incrementAndGet();
                    return Task.yieldNow().then(v -> Task.yieldNow()).map(v -> "from " + me);
                })));
            }
            List<String> values = hs.stream().map(rt::blockOn).toList();
            assertThat(inits.get()).isEqualTo(1);
            assertThat(values).containsOnly(values.get(0));
            assertThat(cell.get()).contains(values.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void aFailedInitialiserLetsTheNextCallerTry(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            OnceCell<String> cell = new OnceCell<>();
            JoinError e = org.junit.jupiter.api.Assertions.assertThrows(JoinError.class, () -> rt.blockOn(rt.spawn(
                    cell.getOrInit(() -> Futures.failed(new IllegalStateException("db down"))))));
            assertThat(e.getCause()).hasMessage("db down");
            assertThat(cell.isInitialized()).isFalse();
            assertThat(rt.blockOn(cell.getOrInit(() -> Futures.ready("ok")))).isEqualTo("ok");
        }
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void anAbortedInitialiserDoesNotLeaveTheCellLocked(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            OnceCell<String> cell = new OnceCell<>();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            JoinHandle<String> first = rt.spawn(cell.getOrInit(() -> {
                started.countDown();
                return Futures.pending(); // never finishes on its own
            }));
            rt.blockOn(Futures.pollFn(cx -> { // lets a current-thread runtime run the first task
                if (started.getCount() == 0) {
                    return dev.weft.Poll.ready(null);
                }
                cx.waker().wake();
                return dev.weft.Poll.pending();
            }));
            JoinHandle<String> second = rt.spawn(cell.getOrInit(() -> Futures.ready("second")));
            first.abort();
            assertThat(rt.blockOn(second)).isEqualTo("second");
        }
    }

    @Test
    void setSucceedsOnceAndNullsAreRefused() {
        OnceCell<String> cell = new OnceCell<>();
        assertThat(cell.get()).isEmpty();
        assertThat(cell.set("a")).isTrue();
        assertThat(cell.set("b")).isFalse();
        assertThat(cell.get()).contains("a");
        assertThatThrownBy(() -> cell.set(null)).isInstanceOf(NullPointerException.class);
        try (Runtime rt = RuntimeFlavour.CURRENT_THREAD.build()) {
            assertThat(rt.blockOn(cell.getOrInit(() -> {
                throw new AssertionError("must not initialise a set cell");
            }))).isEqualTo("a");
            OnceCell<String> other = new OnceCell<>();
            Future<String> nullInit = other.getOrInit(() -> Futures.ready(null));
            assertThatThrownBy(() -> rt.blockOn(nullInit)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("null");
        }
    }
}
