package app.earmark.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a handful of measurements. */
record Stats(int count, double min, double median, double p95, double p99, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No measurements");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(sorted.length, sorted[0], median(values), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile (the smallest value with at least p% of the values at or below it). */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The median of an even count is the mean of the middle two; nearest-rank otherwise. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return "Stats" + Arrays.toString(new double[] {count, min, median, p95, p99, max});
    }
}
