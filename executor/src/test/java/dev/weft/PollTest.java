package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void readyCarriesItsValue() {
        Poll<String> p = Poll.ready("x");

        assertThat(p.isReady()).isTrue();
        assertThat(p.value()).isEqualTo("x");
        assertThat(p).isEqualTo(new Poll.Ready<>("x"));
    }

    @Test
    void readyNullIsAValueAndShared() {
        Poll<Void> p = Poll.ready(null);

        assertThat(p.isReady()).isTrue();
        assertThat(p.value()).isNull();
        assertThat(Poll.<Integer>ready(null)).isSameAs(p);
    }

    @Test
    void pendingIsNotReadyAndHasNoValue() {
        Poll<String> p = Poll.pending();

        assertThat(p.isReady()).isFalse();
        assertThat(p).isSameAs(Poll.<Integer>pending());
        assertThatThrownBy(p::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("Pending");
    }

    @Test
    void mapTransformsAReadyValue() {
        assertThat(Poll.ready(20).map(n -> n + 1).value()).isEqualTo(21);
        assertThat(Poll.ready(1).map(n -> null).value()).isNull();
    }

    @Test
    void mapOfPendingStaysPendingWithoutCallingTheFunction() {
        AtomicBoolean called = new AtomicBoolean();

        Poll<String> mapped = Poll.<Integer>pending().map(n -> {
            called.set(true);
            return "never";
        });

        assertThat(mapped.isReady()).isFalse();
        assertThat(called).isFalse();
    }

    @Test
    void mapRejectsANullFunction() {
        assertThatNullPointerException().isThrownBy(() -> Poll.ready(1).map(null));
        assertThatNullPointerException().isThrownBy(() -> Poll.pending().map(null));
    }

    @Test
    void outcomesCanBeTakenApartWithAPatternSwitch() {
        assertThat(describe(Poll.ready("v"))).isEqualTo("ready v");
        assertThat(describe(Poll.pending())).isEqualTo("pending");
    }

    private static String describe(Poll<String> p) {
        return switch (p) {
            case Poll.Ready<String>(String value) -> "ready " + value;
            case Poll.Pending<String> pending -> "pending";
        };
    }
}
