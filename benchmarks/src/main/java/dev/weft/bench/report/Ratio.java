package dev.weft.bench.report;

/**
 * How many times better Weft did than one baseline: Weft / baseline for throughput, baseline /
 * Weft for time, so above 1 always means Weft is ahead.
 *
 * <p>The error assumes the two scores independent: relative errors add in quadrature,
 * {@code σr / r = sqrt((σa / a)² + (σb / b)²)}, from JMH's confidence half-widths. It is NaN when
 * either score has no error estimate.
 *
 * @param baseline the baseline's executor name
 * @param value    the ratio
 * @param error    its propagated half-width
 */
record Ratio(String baseline, double value, double error) {

    /**
     * @param weft     Weft's result
     * @param baseline the baseline's result, same benchmark and other parameters
     * @param name     the baseline's name
     * @return the ratio
     */
    static Ratio of(Result weft, Result baseline, String name) {
        double w = weft.score().value();
        double b = baseline.score().value();
        double r = weft.higherIsBetter() ? w / b : b / w;
        double rel = Math.hypot(weft.score().relativeError(), baseline.score().relativeError());
        return new Ratio(name, r, r * rel);
    }

    /** @return the lower end of the interval */
    double low() {
        return value - error;
    }

    /** @return the upper end of the interval */
    double high() {
        return value + error;
    }
}
