package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuilderValidationTest {

    /** Each bad setting, and the words its rejection must contain: the setting, and the bad value. */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("workerThreads(0)", b -> b.workerThreads(0), "workerThreads", "0"),
                bad("workerThreads(-1)", b -> b.workerThreads(-1), "workerThreads", "-1"),
                bad("workerThreads on CURRENT_THREAD", b -> b.flavor(Flavor.CURRENT_THREAD).workerThreads(2),
                        "workerThreads", "2", "CURRENT_THREAD"),
                bad("threadName(null)", b -> b.threadName(null), "threadName", "null"),
                bad("threadName(\"\")", b -> b.threadName(""), "threadName", "\"\""),
                bad("threadName(blank)", b -> b.threadName("  "), "threadName", "\"  \""),
                bad("threadNameFn(null)", b -> b.threadNameFn(null), "threadNameFn", "null"),
                bad("onThreadStart(null)", b -> b.onThreadStart(null), "onThreadStart", "null"),
                bad("onThreadStop(null)", b -> b.onThreadStop(null), "onThreadStop", "null"),
                bad("onThreadPark(null)", b -> b.onThreadPark(null), "onThreadPark", "null"),
                bad("onThreadUnpark(null)", b -> b.onThreadUnpark(null), "onThreadUnpark", "null"),
                bad("globalQueueInterval(0)", b -> b.globalQueueInterval(0), "globalQueueInterval", "0"),
                bad("globalQueueInterval(-1)", b -> b.globalQueueInterval(-1), "globalQueueInterval", "-1"),
                bad("eventInterval(0)", b -> b.eventInterval(0), "eventInterval", "0"),
                bad("eventInterval(-1)", b -> b.eventInterval(-1), "eventInterval", "-1"),
                bad("maxBlockingThreads(0)", b -> b.maxBlockingThreads(0), "maxBlockingThreads", "0"),
                bad("maxBlockingThreads(-1)", b -> b.maxBlockingThreads(-1), "maxBlockingThreads", "-1"),
                bad("threadKeepAlive(null)", b -> b.threadKeepAlive(null), "threadKeepAlive", "null"),
                bad("threadKeepAlive(zero)", b -> b.threadKeepAlive(Duration.ZERO), "threadKeepAlive", "PT0S"),
                bad("threadKeepAlive(negative)", b -> b.threadKeepAlive(Duration.ofSeconds(-1)), "threadKeepAlive",
                        "PT-1S"),
                bad("flavor(null)", b -> b.flavor(null), "flavor", "null"));
    }

    private static Arguments bad(String name, UnaryOperator<Runtime.Builder> setting, String... words) {
        return Arguments.of(name, setting, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void buildRejectsABadSettingNamingItAndItsValue(String name, UnaryOperator<Runtime.Builder> setting,
            String[] words) {
        Runtime.Builder b = setting.apply(Runtime.builder());

        assertThatIllegalArgumentException().isThrownBy(b::build).withMessageContainingAll(words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void settersOnlyRecordTheValue(String name, UnaryOperator<Runtime.Builder> setting, String[] words) {
        assertThatCode(() -> setting.apply(Runtime.builder())).doesNotThrowAnyException();
    }

    @Test
    void aRejectedBuildStartsNoThread() {
        String prefix = "builder-rejected-" + System.nanoTime();
        Runtime.Builder b = Runtime.builder().threadName(prefix).workerThreads(2).eventInterval(0);

        assertThatIllegalArgumentException().isThrownBy(b::build);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(prefix));
    }

    @Test
    void theSmallestLegalValuesAreAccepted() {
        try (Runtime rt = Runtime.builder()
                .workerThreads(1)
                .globalQueueInterval(1)
                .eventInterval(1)
                .maxBlockingThreads(1)
                .threadKeepAlive(Duration.ofNanos(1))
                .build()) {
            int task = rt.blockOn(rt.spawn(cx -> Poll.ready(1)));
            int call = rt.blockOn(rt.spawnBlocking(() -> 2));

            assertThat(task).isEqualTo(1);
            assertThat(call).isEqualTo(2);
        }
    }

    @Test
    void aLaterGoodValueReplacesAnEarlierBadOne() {
        try (Runtime rt = Runtime.builder().workerThreads(0).workerThreads(1).threadName(" ").threadName("ok")
                .build()) {
            String r = rt.blockOn(rt.spawn(cx -> Poll.ready("ran")));

            assertThat(r).isEqualTo("ran");
        }
    }

    @Test
    void createBuildsAMultiThreadRuntimeWithOneWorkerPerProcessor() {
        try (Runtime rt = Runtime.create()) {
            int v = rt.blockOn(rt.spawn(cx -> Poll.ready(4)));

            assertThat(v).isEqualTo(4);
            assertThat(rt.toString()).contains("workers=" + java.lang.Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void aCurrentThreadRuntimeBuildsWithDefaults() {
        try (Runtime rt = Runtime.builder().flavor(Flavor.CURRENT_THREAD).build()) {
            int r = rt.blockOn(rt.spawn(cx -> Poll.ready(3)));

            assertThat(r).isEqualTo(3);
        }
    }
}
