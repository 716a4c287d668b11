package dev.weft.bench.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Figures that JMH's score cannot carry (lateness percentiles, retained bytes per timer), printed
 * and appended as tab-separated lines to a stats file that {@link TimerReport} reads beside the
 * JMH JSON. One line per trial:
 *
 * <pre>
 *   lateness  benchmark impl  count p50_us p90_us p99_us p999_us max_us mean_us
 *   memory    benchmark impl  iterations bytes_per_timer_mean bytes_min bytes_max timers
 * </pre>
 *
 * <p>The file is {@code -Dweft.bench.timerStats=PATH} (the JMH forks inherit the host VM's
 * {@code -D} flags), default {@code benchmarks/target/timer-stats.tsv} when run from the repository
 * root, else {@code timer-stats.tsv}. Clear it before a run: lines are appended.
 */
final class TimerStats {

    static final String PROPERTY = "weft.bench.timerStats";

    private TimerStats() {}

    static Path file() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return Path.of(p);
        }
        Path target = Path.of("benchmarks", "target");
        return Files.isDirectory(target) ? target.resolve("timer-stats.tsv") : Path.of("timer-stats.tsv");
    }

    static synchronized void append(String kind, String benchmark, String impl, Object... values) {
        StringBuilder sb = new StringBuilder().append(kind).append('\t').append(benchmark).append('\t').append(impl);
        for (Object v : values) {
            sb.append('\t').append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v));
        }
        String line = sb.append('\n').toString();
        System.out.print("[timer-stats] " + line);
        try {
            Path f = file();
            if (f.toAbsolutePath().getParent() != null) {
                Files.createDirectories(f.toAbsolutePath().getParent());
            }
            Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
