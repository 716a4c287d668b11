package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockOnTest {

    private static final String DRIVES_A_RUNTIME = "blockOn cannot be called from a thread that drives a Weft runtime";

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void returnsTheValueOfTheFuture(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            String v = rt.blockOn(cx -> Poll.ready("value"));
            Object none = rt.blockOn(cx -> Poll.ready(null));

            assertThat(v).isEqualTo("value");
            assertThat(none).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void pollsTheFutureOnTheCallingThread(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            Thread polledOn = rt.blockOn(cx -> Poll.ready(Thread.currentThread()));

            assertThat(polledOn).isSameAs(Thread.currentThread());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void waitsForAWakeFromAnotherThread(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            Signal signal = new Signal();
            Thread waker = new Thread(signal::fire);
            String v = rt.blockOn(cx -> {
                if (signal.poll(cx).isReady()) {
                    return Poll.ready("woken");
                }
                if (waker.getState() == Thread.State.NEW) {
                    waker.start(); // fires after our waker is registered
                }
                return Poll.pending();
            });

            assertThat(v).isEqualTo("woken");
            Await.join(waker);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void rethrowsWhatTheFutureThrows(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");

            assertThatThrownBy(() -> rt.blockOn(cx -> {
                throw boom;
            })).isSameAs(boom);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void fromInsideATaskThrowsIllegalStateExceptionSayingWhy(Flavour flavour) {
        try (RuntimeFixture f = RuntimeFixture.start(flavour)) {
            JoinHandle<Throwable> h = f.rt.spawn(cx -> Poll.ready(thrownBy(() -> f.rt.blockOn(cx2 -> Poll.ready(1)))));
            JoinHandle<Throwable> viaHandle = f.rt.spawn(
                    cx -> Poll.ready(thrownBy(() -> Handle.current().blockOn(cx2 -> Poll.ready(1)))));

            assertThat(f.join(h)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(DRIVES_A_RUNTIME)
                    .hasMessageContaining("Spawn the future and await its JoinHandle instead");
            assertThat(f.join(viaHandle)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(DRIVES_A_RUNTIME);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void nestedBlockOnThrowsIllegalStateExceptionAndTheOuterOneGoesOn(Flavour flavour) {
        try (Runtime rt = flavour.builder().build(); Runtime other = Flavour.MULTI_THREAD_1.builder().build()) {
            Throwable[] nested = rt.blockOn(cx -> Poll.ready(new Throwable[] {
                    thrownBy(() -> rt.blockOn(cx2 -> Poll.ready(1))),
                    thrownBy(() -> other.blockOn(cx2 -> Poll.ready(1)))}));

            assertThat(nested[0]).as("same runtime").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(DRIVES_A_RUNTIME).hasMessageContaining("inside another blockOn");
            assertThat(nested[1]).as("another runtime").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(DRIVES_A_RUNTIME);
            int after = rt.blockOn(cx -> Poll.ready(5));
            assertThat(after).as("blockOn works again once the outer one returned").isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void fromABlockingCallIsAllowed(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            JoinHandle<Integer> h = rt.spawnBlocking(() -> rt.blockOn(rt.spawn(cx -> Poll.ready(11))));

            int v = rt.blockOn(h);
            assertThat(v).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closesAnAutoCloseableFutureExactlyOnceAfterItsValue(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            Signal signal = new Signal();
            Probe<String> p = Probe.readyAfter(signal, "v");
            new Thread(signal::fire).start();

            String v = rt.blockOn(p);

            assertThat(v).isEqualTo("v");
            assertThat(p.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closesAnAutoCloseableFutureExactlyOnceWhenItThrows(Flavour flavour) {
        try (Runtime rt = flavour.builder().build()) {
            Probe<String> p = Probe.of(cx -> {
                throw new IllegalStateException("boom");
            });

            assertThatThrownBy(() -> rt.blockOn(p)).hasMessage("boom");
            assertThat(p.closes()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aThrowingCloseIsReportedAndTheValueStillReturned(Flavour flavour) throws Exception {
        try (Runtime rt = flavour.builder().build(); RuntimeLog log = RuntimeLog.capture()) {
            RuntimeException closeFailure = new RuntimeException("close failed " + System.nanoTime());
            Probe<String> p = Probe.<String>ready("v").onClose(() -> {
                throw closeFailure;
            });

            String v = rt.blockOn(p);

            assertThat(v).isEqualTo("v");
            RuntimeLog.Entry e = log.await(x -> x.thrown() == closeFailure, 0);
            assertThat(e).as("the close() failure is logged").isNotNull();
            assertThat(e.level()).isEqualTo("WARNING");
            assertThat(e.message()).contains("close()");
        }
    }

    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
