package calendarbot.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request times in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;
    private final int cap;

    Latencies(int cap) {
        this.cap = cap;
    }

    void add(long value) {
        if (size == nanos.length) {
            if (size >= cap) {
                return; // bounded: the percentiles of the first cap samples are plenty
            }
            nanos = Arrays.copyOf(nanos, Math.min(cap, size * 2));
        }
        nanos[size++] = value;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int size() {
        return size;
    }

    /** p50, p95, p99, max and the mean, in milliseconds (null when there are no samples). */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", size);
        if (size == 0) {
            m.put("p50_ms", null);
            m.put("p95_ms", null);
            m.put("p99_ms", null);
            m.put("max_ms", null);
            return m;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        m.put("p50_ms", ms(percentile(sorted, 50)));
        m.put("p95_ms", ms(percentile(sorted, 95)));
        m.put("p99_ms", ms(percentile(sorted, 99)));
        m.put("max_ms", ms(sorted[sorted.length - 1]));
        m.put("mean_ms", ms((long) (sum / size)));
        return m;
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
