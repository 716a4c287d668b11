package dev.weft.sync;

import static dev.weft.sync.SemaphoreTest.close;
import static dev.weft.sync.SemaphoreTest.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Runtime;
import dev.weft.Task;
import dev.weft.testkit.CountingWaker;
import dev.weft.testkit.Loops;
import dev.weft.testkit.RuntimeFlavour;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RwLockTest {

    @Test
    void readersShareAndAWriterExcludes() {
        RwLock<String> l = new RwLock<>("v");
        RwLock.ReadGuard<String> r1 = l.tryRead().orElseThrow();
        RwLock.ReadGuard<String> r2 = l.tryRead().orElseThrow();
        assertThat(r1.get()).isEqualTo("v");
        assertThat(l.tryWrite()).isEmpty();
        r1.close();
        r2.close();
        RwLock.WriteGuard<String> w = l.tryWrite().orElseThrow();
        assertThat(l.tryRead()).isEmpty();
        w.set("w");
        w.close();
        assertThatThrownBy(w::get).isInstanceOf(IllegalStateException.class);
        assertThat(l.tryRead().orElseThrow().get()).isEqualTo("w");
    }

    @Test
    void aQueuedWriterHoldsBackLaterReaders() {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = l.tryRead().orElseThrow();
        CountingWaker ww = new CountingWaker(), wr = new CountingWaker();
        Future<RwLock.WriteGuard<Integer>> writer = l.write();
        assertThat(writer.poll(ww.cx()).isReady()).isFalse();
        assertThat(l.tryRead()).as("no reader overtakes the queued writer").isEmpty();
        Future<RwLock.ReadGuard<Integer>> reader = l.read();
        assertThat(reader.poll(wr.cx()).isReady()).isFalse();

        r.close();
        assertThat(ww.wakes()).isEqualTo(1);
        assertThat(wr.wakes()).isZero();
        RwLock.WriteGuard<Integer> w = ready(writer.poll(ww.cx()));
        w.set(1);
        w.close();
        assertThat(wr.wakes()).isEqualTo(1);
        assertThat(ready(reader.poll(wr.cx())).get()).isEqualTo(1);
    }

    @Test
    void aCancelledWriterLetsTheReadersBehindItIn() throws Exception {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = l.tryRead().orElseThrow();
        CountingWaker ww = new CountingWaker(), wr = new CountingWaker();
        Future<RwLock.WriteGuard<Integer>> writer = l.write();
        writer.poll(ww.cx());
        Future<RwLock.ReadGuard<Integer>> reader = l.read();
        reader.poll(wr.cx());
        close(writer);
        assertThat(wr.wakes()).isEqualTo(1);
        ready(reader.poll(wr.cx())).close();
        r.close();
        assertThat(l.tryWrite()).as("every reader slot came back").isPresent();
    }

    @Test
    void downgradeKeepsReadAccessAndAdmitsOtherReaders() {
        RwLock<String> l = new RwLock<>("a", 4);
        RwLock.WriteGuard<String> w = l.tryWrite().orElseThrow();
        w.set("b");
        RwLock.ReadGuard<String> r = w.downgrade();
        assertThat(r.get()).isEqualTo("b");
        assertThat(l.tryWrite()).isEmpty();
        assertThat(l.tryRead()).isPresent();
        assertThatThrownBy(w::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void maxReadersBoundsSharedAccess() {
        RwLock<String> l = new RwLock<>("a", 2);
        assertThat(l.tryRead()).isPresent();
        assertThat(l.tryRead()).isPresent();
        assertThat(l.tryRead()).isEmpty();
        assertThatThrownBy(() -> new RwLock<>("a", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReaders");
    }

    @ParameterizedTest
    @EnumSource(RuntimeFlavour.class)
    void writersAreExclusiveAndReadersSeeWholeUpdates(RuntimeFlavour flavour) {
        try (Runtime rt = flavour.build()) {
            RwLock<int[]> l = new RwLock<>(new int[2]);
            AtomicInteger torn = new AtomicInteger();
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                hs.add(rt.spawn(Loops.repeat(200, i -> l.write().then(g -> {
                    g.get()[0]++;
                    return Task.yieldNow().map(v -> {
                        g.get()[1]++;
                        g.close();
                        return null;
                    });
                }))));
            }
            for (int t = 0; t < 5; t++) {
                hs.add(rt.spawn(Loops.repeat(200, i -> l.read().map(g -> {
                    int[] a = g.get();
                    if (a[0] != a[1]) {
                        torn.incrementAndGet();
                    }
                    g.close();
                    return null;
                }))));
            }
            hs.forEach(rt::blockOn);
            assertThat(torn.get()).as("a reader saw a half-done write").isZero();
            assertThat(l.tryRead().orElseThrow().get()).containsExactly(600, 600);
        }
    }
}
