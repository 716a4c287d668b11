package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void spawnAndJoin() {
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                hs.add(rt.spawn(cx -> Poll.ready(n)));
            }
            long sum = 0;
            for (JoinHandle<Integer> h : hs) {
                sum += rt.blockOn(h);
            }
            assertThat(sum).isEqualTo(999L * 1000 / 2);
        }
    }
}
