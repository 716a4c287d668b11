package dev.weft.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG bar chart of ratios: one block per workload, one horizontal bar per baseline, on a
 * log-2 axis centred on 1× (bars grow right when Weft is ahead, left when it is behind), with the
 * error as a whisker; a whisker whose lower end falls off the axis (often below zero, on a noisy
 * run) has no cap on that side. No dependencies; the output is a self-contained SVG 1.1 document.
 */
final class RatioChart {

    /**
     * One workload's bars.
     *
     * @param label the workload
     * @param bars  one per baseline, in legend order
     */
    record Row(String label, List<Bar> bars) {}

    /**
     * One baseline's bar.
     *
     * @param baseline the baseline
     * @param ratio    Weft against it, or {@code null} if the baseline has no result (failed or
     *                 timed out)
     */
    record Bar(String baseline, Ratio ratio) {}

    // Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
    private static final Map<String, String> COLOURS = Map.of(
            "fjp", "#0072B2", "tpe", "#E69F00", "cf", "#009E73", "vthreads", "#CC79A7");
    private static final String OTHER_COLOUR = "#999999";

    private static final int WIDTH = 860;
    private static final int LABEL_WIDTH = 200;
    private static final int PLOT_WIDTH = 560;
    private static final int TOP = 80;
    private static final int BAR = 14;
    private static final int BAR_GAP = 4;
    private static final int GROUP_HEADER = 20;
    private static final int GROUP_GAP = 12;

    private RatioChart() {}

    /**
     * @param rows      the workloads
     * @param baselines every baseline, in legend order
     * @param title     the chart title
     * @param subtitle  what the bars mean
     * @return the SVG document
     */
    static String svg(List<Row> rows, List<String> baselines, String title, String subtitle) {
        double lo = 0.5;
        double hi = 2;
        for (Row r : rows) {
            for (Bar bar : r.bars()) {
                Ratio q = bar.ratio();
                if (q == null) {
                    continue;
                }
                double low = Double.isNaN(q.error()) ? q.value() : q.low();
                double high = Double.isNaN(q.error()) ? q.value() : q.high();
                if (low > 0) {
                    lo = Math.min(lo, low);
                }
                lo = Math.min(lo, q.value());
                hi = Math.max(hi, high);
            }
        }
        int minExp = (int) Math.floor(log2(lo));
        int maxExp = (int) Math.ceil(log2(hi));
        Axis axis = new Axis(minExp, maxExp);

        int height = TOP + 24;
        for (Row r : rows) {
            height += GROUP_HEADER + r.bars().size() * (BAR + BAR_GAP) + GROUP_GAP;
        }

        StringBuilder sb = new StringBuilder(16384);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
        text(sb, 10, 20, "start", "font-size=\"15\" font-weight=\"bold\"", title);
        text(sb, 10, 38, "start", "fill=\"#444\"", subtitle);

        // legend
        int lx = LABEL_WIDTH;
        for (String b : baselines) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"50\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    lx, colour(b)));
            text(sb, lx + 16, 60, "start", "", "vs " + b);
            lx += 24 + 8 * (b.length() + 3);
        }

        // grid: one line per power of two, 1× emphasised
        int gridBottom = height - 24;
        for (int e = minExp; e <= maxExp; e++) {
            double x = axis.x(Math.pow(2, e));
            boolean one = e == 0;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                    x, TOP - 6, x, gridBottom, one ? "#333" : "#ddd", one ? "1.5" : "1"));
            text(sb, x, gridBottom + 16, "middle", "", tick(e));
        }

        int y = TOP;
        for (Row r : rows) {
            text(sb, 10, y + 14, "start", "font-weight=\"bold\"", r.label());
            y += GROUP_HEADER;
            for (Bar b : r.bars()) {
                text(sb, LABEL_WIDTH - 8, y + BAR - 3, "end", "fill=\"#444\"", "vs " + b.baseline());
                if (b.ratio() != null) {
                    bar(sb, axis, y, b.ratio());
                } else {
                    text(sb, axis.x(1) + 5, y + BAR - 3, "start", "fill=\"#999\" font-style=\"italic\"",
                            "no result (failed or timed out)");
                }
                y += BAR + BAR_GAP;
            }
            y += GROUP_GAP;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void bar(StringBuilder sb, Axis axis, int y, Ratio q) {
        double x1 = axis.x(1);
        double xv = axis.x(q.value());
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                Math.min(x1, xv), y, Math.max(1, Math.abs(xv - x1)), BAR, colour(q.baseline()),
                escape("vs " + q.baseline() + ": " + Report.ratio(q))));
        double end = xv;
        if (!Double.isNaN(q.error()) && q.error() > 0) {
            boolean clamped = q.low() <= axis.min(); // below the axis (or below zero): no cap, open-ended
            double a = axis.x(Math.max(q.low(), axis.min()));
            double b = axis.x(q.high());
            double cy = y + BAR / 2.0;
            sb.append(String.format(Locale.ROOT,
                    "<path d=\"M%.1f %.1fH%.1f%sM%.1f %.1fV%.1f\" stroke=\"#222\" fill=\"none\"/>\n",
                    a, cy, b, clamped ? "" : String.format(Locale.ROOT, "M%.1f %.1fV%.1f", a, cy - 4, cy + 4),
                    b, cy - 4, cy + 4));
            end = Math.max(end, b);
        }
        text(sb, Math.max(end, x1) + 5, y + BAR - 3, "start", "", String.format(Locale.ROOT, "%.2f×", q.value()));
    }

    /** Maps a ratio to an x coordinate on the log-2 axis. */
    private record Axis(int minExp, int maxExp) {
        double x(double ratio) {
            double e = log2(Math.max(ratio, min()));
            return LABEL_WIDTH + (e - minExp) / (maxExp - minExp) * PLOT_WIDTH;
        }

        double min() {
            return Math.pow(2, minExp);
        }
    }

    private static String tick(int exp) {
        double v = Math.pow(2, exp);
        return (v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v)) + "×";
    }

    private static String colour(String baseline) {
        return COLOURS.getOrDefault(baseline, OTHER_COLOUR);
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, String attrs, String s) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>\n",
                x, y, anchor, attrs.isEmpty() ? "" : " " + attrs, escape(s)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
