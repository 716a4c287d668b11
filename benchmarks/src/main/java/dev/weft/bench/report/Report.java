package dev.weft.bench.report;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Turns a JMH {@code -rf json} file into a Markdown report of Weft against its baselines, and an
 * SVG bar chart of the ratios beside it ({@code latest.md} gets {@code latest.svg}).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.weft.bench.report.Report result.json docs/benchmarks/latest.md
 * </pre>
 *
 * <p>In each benchmark, the <em>subject</em> parameter is the one that takes the value
 * {@code weft} ({@code executor} in the scheduler benchmarks, {@code impl} in others). Results are
 * grouped by benchmark method and the other parameters; in each group the {@code weft} result is
 * compared with every other value of the subject (the baselines). Per-task
 * figures rely on {@code @OperationsPerInvocation}, which JMH already divides out of both the score
 * and {@code gc.alloc.rate.norm}; the report reads the annotation from the benchmark class (it runs
 * from the benchmarks jar) only to show bytes per whole operation as well.
 */
public final class Report {

    static final String WEFT = Result.WEFT;

    /** Preferred subject parameter when a benchmark has several with a {@code weft} value. */
    private static final String EXECUTOR = "executor";

    /** Column order of the baselines; others follow alphabetically. */
    private static final List<String> BASELINE_ORDER = List.of("fjp", "tpe", "cf", "vthreads");

    /** BENCHMARKS.md's order of the workloads; others follow in file order. */
    private static final List<String> WORKLOAD_ORDER = List.of("spawn_many_local", "spawn_many_remote_idle",
            "spawn_many_remote_busy", "yield_many", "ping_pong", "chained_spawn");

    /** What one JMH op is, where it is not a task. */
    /** What one {@code @OperationsPerInvocation} unit is, per benchmark method ("task" otherwise). */
    private static final Map<String, String> WORK_UNIT = Map.ofEntries(
            Map.entry("yield_many", "yield"), Map.entry("chained_spawn", "link"),
            Map.entry("mpsc", "message"), Map.entry("ping_pong", "pair"), Map.entry("oneshot_rtt", "round trip"),
            Map.entry("mutex", "lock/unlock"), Map.entry("rwlock", "lock/unlock"), Map.entry("lock_unlock", "lock/unlock"),
            Map.entry("semaphore", "acquire/release"), Map.entry("broadcast", "send"), Map.entry("watch", "send"),
            Map.entry("notify_waiters", "round"));

    /** BENCHMARKS.md's scheduler targets: least ratio over a baseline. */
    private static final Map<String, Double> SCHEDULER_TARGETS = Map.of("fjp", 1.2, "vthreads", 5.0);

    private static final Set<String> SCHEDULER_WORKLOADS = Set.of("spawn_many_local", "spawn_many_remote_idle",
            "spawn_many_remote_busy", "yield_many", "chained_spawn", "ping_pong");

    /** BENCHMARKS.md: "under 100 bytes per spawned task". */
    private static final double SPAWN_ALLOC_TARGET = 100;

    private static final Set<String> SPAWN_WORKLOADS = Set.of("spawn_many_local", "spawn_many_remote_idle",
            "spawn_many_remote_busy", "chained_spawn");

    private final List<Result> results;
    private final Path source;
    private final List<Group> groups;
    private final List<String> baselines;

    private Report(List<Result> results, Path source) {
        this.results = results;
        this.source = source;
        this.groups = Group.of(results);
        Set<String> seen = new TreeSet<>();
        for (Group g : groups) {
            for (String name : g.byName().keySet()) {
                if (!name.equals(WEFT)) {
                    seen.add(name);
                }
            }
        }
        List<String> order = new ArrayList<>();
        for (String b : BASELINE_ORDER) {
            if (seen.remove(b)) {
                order.add(b);
            }
        }
        order.addAll(seen);
        this.baselines = order;
    }

    /**
     * @param args the JMH JSON file and the Markdown file to write; the SVG goes beside the latter
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Report <jmh-result.json> <report.md>   (the chart goes to <report>.svg)");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path md = Path.of(args[1]);
        List<Result> results = Result.parseAll(Files.readString(json));
        if (results.isEmpty()) {
            System.err.println("Report: " + json + " holds no results");
            System.exit(1);
        }
        String name = md.getFileName().toString();
        Path svg = md.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".svg");
        Report report = new Report(results, json);
        if (md.toAbsolutePath().getParent() != null) {
            Files.createDirectories(md.toAbsolutePath().getParent());
        }
        Files.writeString(md, report.markdown(svg.getFileName().toString()));
        Files.writeString(svg, RatioChart.svg(report.chartRows(), report.baselines,
                "Weft against each baseline", report.chartSubtitle()));
        System.out.println("Report: wrote " + md + " and " + svg);
    }

    // ---------------------------------------------------------------- Markdown

    private String markdown(String svgName) throws IOException {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# Weft benchmarks\n\n");
        sb.append("Generated by `dev.weft.bench.report.Report` from `").append(source.getFileName())
                .append("`. Every ratio compares results of the same JMH run (same JVM, same machine), as")
                .append(" BENCHMARKS.md requires.\n\n");
        header(sb);
        summary(sb);
        sb.append("![Weft against each baseline](").append(svgName).append(")\n\n");
        details(sb);
        return sb.toString();
    }

    private void header(StringBuilder sb) throws IOException {
        Map<String, Object> run = results.get(0).run();
        Set<String> jvmArgs = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        for (Result r : results) {
            for (Object a : Json.array(r.run().get("jvmArgs"))) {
                jvmArgs.add(String.valueOf(a));
            }
            modes.add(r.mode());
        }
        boolean gc = results.stream().anyMatch(r -> r.allocNorm().isPresent());
        String fileTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Files.getLastModifiedTime(source).toInstant().atOffset(ZoneOffset.UTC));
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atOffset(ZoneOffset.UTC));

        sb.append("| | |\n|---|---|\n");
        row(sb, "Date", "run finished " + fileTime + " (results file time); report written " + now);
        row(sb, "Machine", machine() + " (as seen by the report step; run it where the benchmarks ran)");
        row(sb, "JDK", run.get("jdkVersion") + ", " + run.get("vmName") + " " + run.get("vmVersion")
                + " (`" + run.get("jvm") + "`)");
        row(sb, "JVM options", jvmArgs.isEmpty() ? "none" : "`" + String.join(" ", jvmArgs) + "`");
        row(sb, "JMH", run.get("jmhVersion") + "; mode " + String.join(", ", modes)
                + "; forks " + integer(run.get("forks"))
                + "; warm-up " + integer(run.get("warmupIterations")) + " × " + run.get("warmupTime")
                + "; measurement " + integer(run.get("measurementIterations")) + " × " + run.get("measurementTime")
                + "; benchmark threads " + integer(run.get("threads"))
                + "; " + (gc ? "`-prof gc`" : "no `-prof gc` (no allocation figures)"));
        row(sb, "Pools", "Weft workers = ForkJoinPool parallelism = fixed pool size = `-Dweft.bench.threads`,"
                + " default the available processors; virtual threads on their default scheduler");
        sb.append('\n');
    }

    private void summary(StringBuilder sb) {
        boolean time = results.stream().noneMatch(Result::higherIsBetter);
        sb.append("## Weft against each baseline\n\n");
        sb.append(time
                ? "Ratio = baseline time / Weft time"
                : "Ratio = Weft throughput / baseline throughput (baseline time / Weft time for time modes)");
        sb.append(": **above 1 means Weft is faster**. ± is the propagated error (JMH's 99.9% confidence")
                .append(" half-widths, relative errors added in quadrature).")
                .append(" ✓ target met (ratio − error ≥ target), ✗ missed (ratio + error < target),")
                .append(" ~ undecided within the error. Targets (BENCHMARKS.md): scheduler workloads ≥ 1.2× fjp")
                .append(" and ≥ 5× vthreads; under 100 B allocated per spawned task.\n\n");
        sb.append("| workload |");
        for (String b : baselines) {
            sb.append(" vs ").append(b).append(" |");
        }
        sb.append(" Weft bytes per op |\n|---|");
        sb.append("---|".repeat(baselines.size() + 1)).append('\n');
        for (Group g : groups) {
            Result weft = g.byName().get(WEFT);
            sb.append("| ").append(g.label()).append(" |");
            for (String b : baselines) {
                Result base = g.byName().get(b);
                if (weft == null || base == null) {
                    sb.append(base == null && declared(g).contains(b) ? " no result¹ |" : " — |");
                    continue;
                }
                Ratio r = Ratio.of(weft, base, b);
                sb.append(' ').append(ratio(r));
                Double target = SCHEDULER_WORKLOADS.contains(g.method()) ? SCHEDULER_TARGETS.get(b) : null;
                if (target != null) {
                    double err = Double.isNaN(r.error()) ? 0 : r.error(); // unknown: judge the value alone
                    sb.append(' ').append(verdict(r.value() - err >= target, r.value() + err < target));
                }
                sb.append(" |");
            }
            if (weft == null) {
                sb.append(" — |\n");
                continue;
            }
            sb.append(' ').append(bytes(weft.allocNorm()));
            if (SPAWN_WORKLOADS.contains(g.method()) && weft.allocNorm().isPresent()) {
                Result.Measurement a = weft.allocNorm();
                double err = Double.isNaN(a.error()) ? 0 : a.error();
                sb.append(' ').append(verdict(a.value() + err < SPAWN_ALLOC_TARGET, a.value() - err >= SPAWN_ALLOC_TARGET));
            }
            sb.append(" |\n");
        }
        sb.append('\n');
        sb.append("Where an op is a whole workload, JMH divides by `@OperationsPerInvocation`, so the scheduler")
                .append(" workloads' scores and bytes are per task (per yield, per link); see Details.\n\n");
        if (groups.stream().anyMatch(g -> !missing(g).isEmpty())) {
            sb.append("¹ declared in the benchmark's `@Param` but absent from the results: the benchmark failed")
                    .append(" or timed out (the benchmarks' watchdog fails an operation that runs past the")
                    .append(" iteration time plus a grace period, and prints a thread dump); see the JMH log.\n\n");
        }
    }

    /** @return the subject values the benchmark declares but the results lack (failed or timed out) */
    private static List<String> missing(Group g) {
        List<String> out = new ArrayList<>();
        for (String e : declared(g)) {
            if (!g.byName().containsKey(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private void details(StringBuilder sb) {
        sb.append("## Details\n\n");
        for (Group g : groups) {
            Result any = g.byName().values().iterator().next();
            long opi = operationsPerInvocation(any);
            String unit = opi > 1 ? WORK_UNIT.getOrDefault(g.method(), "task") : "op";
            sb.append("### ").append(g.label()).append("\n\n");
            sb.append('`').append(any.className()).append('`');
            if (opi > 1) {
                sb.append(String.format(Locale.ROOT, "; one JMH op = one %s (`@OperationsPerInvocation(%,d)`:", unit, opi))
                        .append(" one invocation runs the whole workload)");
            }
            sb.append(".\n\n");
            sb.append("| ").append(g.subject()).append(" | ").append(any.higherIsBetter() ? "throughput" : "time")
                    .append(" per ").append(unit).append(" | bytes per ").append(unit)
                    .append(" | bytes per invocation | Weft ratio |\n");
            sb.append("|---|---:|---:|---:|---|\n");
            Result weft = g.byName().get(WEFT);
            for (Map.Entry<String, Result> e : g.byName().entrySet()) {
                Result r = e.getValue();
                sb.append("| ").append(e.getKey()).append(" | ")
                        .append(scoreWithError(r.score())).append(' ').append(perUnit(r.unit(), unit, opi)).append(" | ")
                        .append(bytes(r.allocNorm())).append(" | ");
                if (r.allocNorm().isPresent() && opi > 0) {
                    sb.append(String.format(Locale.ROOT, "%,.0f", r.allocNorm().value() * opi));
                } else {
                    sb.append('—');
                }
                sb.append(" | ");
                if (weft != null && r != weft) {
                    sb.append(ratio(Ratio.of(weft, r, e.getKey())));
                } else {
                    sb.append('—');
                }
                sb.append(" |\n");
            }
            for (String e : missing(g)) {
                sb.append("| ").append(e).append(" | no result¹ | | | |\n");
            }
            sb.append('\n');
        }
    }

    // ---------------------------------------------------------------- chart input

    private List<RatioChart.Row> chartRows() {
        List<RatioChart.Row> rows = new ArrayList<>();
        for (Group g : groups) {
            Result weft = g.byName().get(WEFT);
            if (weft == null) {
                continue;
            }
            List<String> missing = missing(g);
            List<RatioChart.Bar> bars = new ArrayList<>();
            for (String b : baselines) {
                Result base = g.byName().get(b);
                if (base != null) {
                    bars.add(new RatioChart.Bar(b, Ratio.of(weft, base, b)));
                } else if (missing.contains(b)) {
                    bars.add(new RatioChart.Bar(b, null));
                }
            }
            if (!bars.isEmpty()) {
                rows.add(new RatioChart.Row(g.label(), bars));
            }
        }
        return rows;
    }

    private String chartSubtitle() {
        boolean time = results.stream().noneMatch(Result::higherIsBetter);
        return (time ? "baseline time / Weft time" : "Weft throughput / baseline throughput")
                + "; log scale; whiskers: ± propagated error; right of 1× = Weft faster";
    }

    // ---------------------------------------------------------------- grouping

    /**
     * The results of one benchmark method with one set of parameters other than the subject.
     *
     * @param method  the method name
     * @param label   the method name plus the other parameters
     * @param subject the parameter compared ({@code executor}, {@code impl}, ...), or "—" if none
     * @param byName  results by subject value: Weft first, then the baselines in column order
     */
    record Group(String method, String label, String subject, Map<String, Result> byName) {

        static List<Group> of(List<Result> results) {
            Map<String, String> subjects = subjects(results);
            Map<String, List<Result>> byKey = new LinkedHashMap<>();
            for (Result r : results) {
                String subject = subjects.get(r.benchmark());
                byKey.computeIfAbsent(r.benchmark() + "|" + r.paramsExcept(subject), k -> new ArrayList<>()).add(r);
            }
            List<Group> groups = new ArrayList<>();
            for (List<Result> rs : byKey.values()) {
                Result first = rs.get(0);
                String subject = subjects.get(first.benchmark());
                Map<String, Result> m = new LinkedHashMap<>();
                rs.stream()
                        .sorted(Comparator.comparingInt((Result r) -> rank(r.param(subject)))
                                .thenComparing(r -> String.valueOf(r.param(subject))))
                        .forEach(r -> m.put(subject == null ? "—" : r.param(subject), r));
                String other = first.paramsExcept(subject);
                groups.add(new Group(first.method(), other.isEmpty() ? first.method()
                        : first.method() + " (" + other + ")", subject == null ? "—" : subject, m));
            }
            groups.sort(Comparator.comparingInt(g -> {
                int i = WORKLOAD_ORDER.indexOf(g.method());
                return i < 0 ? WORKLOAD_ORDER.size() : i;
            })); // stable: unknown workloads keep file order
            return groups;
        }

        /** Per benchmark, the parameter that takes the value {@code weft} ({@code executor} preferred). */
        private static Map<String, String> subjects(List<Result> results) {
            Map<String, String> subjects = new LinkedHashMap<>();
            for (Result r : results) {
                r.params().forEach((k, v) -> {
                    if (v.equals(WEFT) && !EXECUTOR.equals(subjects.get(r.benchmark()))) {
                        subjects.put(r.benchmark(), k);
                    }
                });
            }
            return subjects;
        }

        private static int rank(String name) {
            if (WEFT.equals(name)) {
                return -1;
            }
            int i = BASELINE_ORDER.indexOf(name);
            return i < 0 ? BASELINE_ORDER.size() : i;
        }
    }

    // ---------------------------------------------------------------- formatting

    /** @return the subject values the benchmark class declares, or none if it cannot be loaded */
    private static List<String> declared(Group g) {
        Result any = g.byName().values().iterator().next();
        try {
            Class<?> c = Class.forName(any.className(), false, Report.class.getClassLoader());
            Param p = c.getField(g.subject()).getAnnotation(Param.class);
            return p == null ? List.of() : List.of(p.value());
        } catch (ClassNotFoundException | NoSuchFieldException | LinkageError e) {
            return List.of(); // the JSON comes from another build
        }
    }

    private static long operationsPerInvocation(Result r) {
        try {
            Class<?> c = Class.forName(r.className(), false, Report.class.getClassLoader());
            for (Method m : c.getMethods()) {
                if (m.getName().equals(r.method())) {
                    OperationsPerInvocation opi = m.getAnnotation(OperationsPerInvocation.class);
                    if (opi == null) {
                        opi = c.getAnnotation(OperationsPerInvocation.class);
                    }
                    return opi == null ? 1 : opi.value();
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the JSON comes from another build: bytes per invocation unknown
        }
        return -1;
    }

    /** {@code ns/op} becomes {@code ns/task} when one op is one task. */
    private static String perUnit(String jmhUnit, String workUnit, long opi) {
        return opi > 1 && jmhUnit.endsWith("/op") ? jmhUnit.substring(0, jmhUnit.length() - 2) + workUnit : jmhUnit;
    }

    private static String machine() throws IOException {
        String cpu = "";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    cpu = ", " + line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        return java.lang.Runtime.getRuntime().availableProcessors() + " cores" + cpu + "; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static String verdict(boolean met, boolean missed) {
        return met ? "✓" : missed ? "✗" : "~";
    }

    private static String integer(Object v) {
        double d = Json.number(v);
        return Double.isNaN(d) ? String.valueOf(v) : String.valueOf((long) d);
    }

    static String ratio(Ratio r) {
        return Double.isNaN(r.error())
                ? String.format(Locale.ROOT, "%.2f", r.value())
                : String.format(Locale.ROOT, "%.2f ± %.2f", r.value(), r.error());
    }

    private static String bytes(Result.Measurement m) {
        if (!m.isPresent()) {
            return "—";
        }
        return Double.isNaN(m.error())
                ? String.format(Locale.ROOT, "%.1f", m.value())
                : String.format(Locale.ROOT, "%.1f ± %.1f", m.value(), m.error());
    }

    /** Score and error with the same number of decimals: three significant digits of the score. */
    private static String scoreWithError(Result.Measurement m) {
        double v = Math.abs(m.value());
        int decimals = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3;
        String fmt = "%,." + decimals + "f";
        String s = String.format(Locale.ROOT, fmt, m.value());
        return Double.isNaN(m.error()) ? s : s + " ± " + String.format(Locale.ROOT, fmt, m.error());
    }
}
