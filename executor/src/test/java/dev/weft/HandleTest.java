package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandleTest {

    @Test
    void currentOutsideARuntimeThrowsSayingWhatToDo() {
        assertThatIllegalStateException().isThrownBy(Handle::current)
                .withMessageContaining("outside a Weft runtime")
                .withMessageContaining("pass a Handle explicitly");
    }

    @Test
    void tryCurrentOutsideARuntimeIsEmpty() {
        assertThat(Handle.tryCurrent()).isEmpty();
    }

    @Test
    void taskSpawnOutsideARuntimeThrows() {
        assertThatIllegalStateException().isThrownBy(() -> Task.spawn(cx -> Poll.ready(1)))
                .withMessageContaining("outside a Weft runtime");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void insideATaskCurrentIsTheRuntimesHandle(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Handle> current = f.rt.spawn(cx -> Poll.ready(Handle.current()));
            JoinHandle<Optional<Handle>> tryCurrent = f.rt.spawn(cx -> Poll.ready(Handle.tryCurrent()));

            assertThat(f.join(current)).isSameAs(f.rt.handle());
            assertThat(f.join(tryCurrent)).containsSame(f.rt.handle());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void insideABlockOnFutureCurrentIsTheRuntimesHandle(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            Handle inside = rt.blockOn(cx -> Poll.ready(Handle.current()));

            assertThat(inside).isSameAs(rt.handle());
            assertThat(Handle.tryCurrent()).as("after blockOn returned").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void insideABlockingCallCurrentIsTheRuntimesHandle(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            assertThat(rt.blockOn(rt.spawnBlocking(Handle::current))).isSameAs(rt.handle());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spawnFromOutsideRuns(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<String> viaRuntime = f.rt.spawn(cx -> Poll.ready("runtime"));
            JoinHandle<String> viaHandle = f.rt.handle().spawn(cx -> Poll.ready("handle"));

            assertThat(f.join(viaRuntime)).isEqualTo("runtime");
            assertThat(f.join(viaHandle)).isEqualTo("handle");
        }
    }

    /** A parent spawns children from inside its poll (both ways) and joins them by polling their handles. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spawnFromInsideATaskRunsAndCanBeJoinedThere(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Integer> parent = f.rt.spawn(new Future<Integer>() {
                JoinHandle<Integer> a;
                JoinHandle<Integer> b;

                @Override
                public Poll<Integer> poll(Context cx) {
                    if (a == null) {
                        a = Handle.current().spawn(cx2 -> Poll.ready(20));
                        b = Task.spawn(cx2 -> Poll.ready(22));
                    }
                    Poll<Integer> pa = a.poll(cx);
                    Poll<Integer> pb = b.poll(cx);
                    return pa.isReady() && pb.isReady() ? Poll.ready(pa.value() + pb.value()) : Poll.pending();
                }
            });

            assertThat(f.join(parent)).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spawnFromABlockingCallRuns(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<JoinHandle<String>> call = f.rt.spawnBlocking(
                    () -> Handle.current().spawn(cx -> Poll.ready("spawned from the pool")));

            assertThat(f.join(f.join(call))).isEqualTo("spawned from the pool");
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void spawnRejectsNull(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            assertThatNullPointerException().isThrownBy(() -> rt.spawn(null));
            assertThatNullPointerException().isThrownBy(() -> rt.handle().spawn(null));
            assertThatNullPointerException().isThrownBy(() -> rt.spawnBlocking(null));
            assertThatNullPointerException().isThrownBy(() -> rt.blockOn(null));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aHandleDoesNotKeepTheRuntimeOpen(Flavour flavour) {
        Handle h;
        try (Runtime rt = flavour.builder().build()) {
            h = rt.handle();
        }
        Handle handle = h;

        assertThat(handle.toString()).contains("shut down");
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> handle.spawn(cx -> Poll.ready(1)))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
