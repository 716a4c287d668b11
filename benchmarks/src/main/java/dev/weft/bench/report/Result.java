package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result (one benchmark method with one set of parameters), as read from {@code -rf json}.
 *
 * @param benchmark  the fully qualified method, {@code dev.weft.bench.SpawnBenchmark.spawn_many_local}
 * @param mode       JMH's mode: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param params     the {@code @Param} values, sorted by name
 * @param score      the primary metric
 * @param unit       its unit, e.g. {@code ns/op}
 * @param allocNorm  {@code gc.alloc.rate.norm} (bytes per JMH op, i.e. per task when
 *                   {@code @OperationsPerInvocation} is set), NaN without {@code -prof gc}
 * @param run        the run's settings: the top-level members of the JSON record other than the
 *                   metrics (JDK, JVM arguments, iterations, ...)
 */
record Result(String benchmark, String mode, Map<String, String> params, Measurement score, String unit,
              Measurement allocNorm, Map<String, Object> run) {

    /** The value that marks Weft's side of a comparison, in whichever parameter holds it. */
    static final String WEFT = "weft";

    /**
     * @param json the contents of a JMH {@code -rf json} file
     * @return its results, in file order
     */
    static List<Result> parseAll(String json) {
        List<Result> out = new ArrayList<>();
        for (Object o : Json.array(Json.parse(json))) {
            Map<String, Object> r = Json.object(o);
            Map<String, String> params = new TreeMap<>();
            Json.object(r.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            Map<String, Object> primary = Json.object(r.get("primaryMetric"));
            Map<String, Object> alloc = Json.object(Json.object(r.get("secondaryMetrics")).get("gc.alloc.rate.norm"));
            Map<String, Object> run = new LinkedHashMap<>(r);
            run.remove("primaryMetric");
            run.remove("secondaryMetrics");
            run.remove("params");
            out.add(new Result(
                    String.valueOf(r.get("benchmark")),
                    String.valueOf(r.get("mode")),
                    params,
                    Measurement.of(primary),
                    String.valueOf(primary.get("scoreUnit")),
                    alloc.isEmpty() ? Measurement.NONE : Measurement.of(alloc),
                    run));
        }
        return out;
    }

    /**
     * @param name a parameter name
     * @return its value, or {@code null} if the benchmark has no such parameter
     */
    String param(String name) {
        return params.get(name);
    }

    /** @return the method name, e.g. {@code spawn_many_local} */
    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** @return the declaring class, e.g. {@code dev.weft.bench.SpawnBenchmark} */
    String className() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    /** @return whether a larger score is better (throughput) rather than worse (time) */
    boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /**
     * @param subject the parameter that names the implementation compared ({@code executor}, ...)
     * @return the other parameters, as {@code a=1, b=2}; empty if none
     */
    String paramsExcept(String subject) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!k.equals(subject)) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /**
     * A score and the half-width of its confidence interval (JMH's 99.9% by default).
     *
     * @param value the score
     * @param error the half-width, NaN when unknown (a single iteration)
     */
    record Measurement(double value, double error) {
        static final Measurement NONE = new Measurement(Double.NaN, Double.NaN);

        static Measurement of(Map<String, Object> metric) {
            return new Measurement(Json.number(metric.get("score")), Json.number(metric.get("scoreError")));
        }

        boolean isPresent() {
            return !Double.isNaN(value);
        }

        /** @return the error relative to the value (NaN if unknown) */
        double relativeError() {
            return error / Math.abs(value);
        }
    }
}
