package calendarbot.bench;

import java.util.Map;

/**
 * The note's targets for a Pi Zero 2W (PERFORMANCE_BENCHMARKING_SUITE), applied to a figure: {@code target_met}
 * and how many times below the target this machine is ({@code margin_x}: 10 means a tenth of the target).
 */
final class MedicineTargets {

    private MedicineTargets() {
    }

    /** Latencies: the mean below {@code meanMs} and the p95 below {@code p95Ms}. */
    static Map<String, Object> judge(Map<String, Object> m, double meanMs, double p95Ms) {
        Object mean = m.get("mean_ms");
        Object p95 = m.get("p95_ms");
        m.put("target_mean_ms", meanMs);
        m.put("target_p95_ms", p95Ms);
        boolean met = mean instanceof Double a && p95 instanceof Double b && a < meanMs && b < p95Ms;
        m.put("target_met", met);
        m.put("margin_x", mean instanceof Double a && a > 0
                ? Math.round(Math.min(meanMs / a, p95Ms / (Double) p95) * 10) / 10.0 : null);
        return m;
    }

    /** A size: below {@code limitMb}. */
    static Map<String, Object> judgeMb(Map<String, Object> m, String key, double limitMb) {
        Object v = m.get(key);
        m.put("target_mb", limitMb);
        m.put("target_met", v instanceof Double d && d < limitMb);
        m.put("margin_x", v instanceof Double d && d > 0 ? Math.round(limitMb / d * 10) / 10.0 : null);
        return m;
    }

    /** A load level: the note's mean (and, at 50 users, p95 and p99) and success rate for that many users. */
    static Map<String, Object> judgeLoad(Map<String, Object> m, int users) {
        double mean;
        double p95 = Double.MAX_VALUE;
        double p99 = Double.MAX_VALUE;
        double success;
        switch (users) {
            case 10 -> { mean = 50; success = 100; }
            case 25 -> { mean = 75; success = 100; }
            case 50 -> { mean = 100; p95 = 150; p99 = 250; success = 99; }
            case 100 -> { mean = 150; success = 95; }
            case 200 -> { mean = 250; success = 95; }
            // "200+ users: degradation acceptable": no latency target, most requests still answered
            default -> { mean = Double.MAX_VALUE; success = 95; }
        }
        double rate = (Double) m.get("success_rate_pct");
        Object meanMs = m.get("mean_ms");
        boolean met = meanMs instanceof Double a && a < mean && (Double) m.get("p95_ms") < p95
                && (Double) m.get("p99_ms") < p99 && rate >= success;
        m.put("target_mean_ms", mean == Double.MAX_VALUE ? null : mean);
        if (p95 != Double.MAX_VALUE) {
            m.put("target_p95_ms", p95);
            m.put("target_p99_ms", p99);
        }
        m.put("target_success_pct", success);
        m.put("target_met", met);
        m.put("margin_x", mean != Double.MAX_VALUE && meanMs instanceof Double a && a > 0
                ? Math.round(mean / a * 10) / 10.0 : null);
        return m;
    }
}
