package calendarbot.web.internal;

import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Request counts by endpoint and status class, and a latency histogram by endpoint, for /metrics. Lock-free
 * (LongAdder) so measuring never makes two kiosk requests wait for each other.
 */
@Component(service = RequestMetrics.class)
public class RequestMetrics {

    /** Upper bounds in seconds; the Pi answers most requests in a few milliseconds. */
    static final double[] BUCKETS = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };
    private static final long[] BUCKET_NANOS = new long[BUCKETS.length];
    private static final String[] STATUS_CLASSES = { "1xx", "2xx", "3xx", "4xx", "5xx" };

    static {
        for (int i = 0; i < BUCKETS.length; i++) {
            BUCKET_NANOS[i] = Math.round(BUCKETS[i] * 1e9);
        }
    }

    private final Stats[] stats = new Stats[Endpoint.values().length];

    public RequestMetrics() {
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new Stats();
        }
    }

    void record(Endpoint endpoint, int status, long nanos) {
        Stats s = stats[endpoint.ordinal()];
        int statusClass = Math.min(Math.max(status / 100, 1), 5) - 1;
        s.byStatus[statusClass].increment();
        s.sumNanos.add(nanos);
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && nanos > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        s.buckets[bucket].increment();
    }

    long count(Endpoint endpoint) {
        long n = 0;
        for (LongAdder a : stats[endpoint.ordinal()].byStatus) {
            n += a.sum();
        }
        return n;
    }

    /** Appends the counters and histograms in the Prometheus text format. */
    void writeTo(StringBuilder out) {
        out.append("# HELP calendarbot_http_requests_total HTTP requests answered, by endpoint and status class.\n");
        out.append("# TYPE calendarbot_http_requests_total counter\n");
        for (Endpoint e : Endpoint.values()) {
            Stats s = stats[e.ordinal()];
            for (int c = 0; c < STATUS_CLASSES.length; c++) {
                long n = s.byStatus[c].sum();
                if (n > 0) {
                    out.append("calendarbot_http_requests_total{endpoint=\"").append(e.label).append("\",code=\"")
                            .append(STATUS_CLASSES[c]).append("\"} ").append(n).append('\n');
                }
            }
        }
        out.append("# HELP calendarbot_http_request_duration_seconds Time to answer a request, by endpoint.\n");
        out.append("# TYPE calendarbot_http_request_duration_seconds histogram\n");
        for (Endpoint e : Endpoint.values()) {
            Stats s = stats[e.ordinal()];
            long total = 0;
            for (LongAdder a : s.buckets) {
                total += a.sum();
            }
            if (total == 0) {
                continue;
            }
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += s.buckets[i].sum();
                out.append("calendarbot_http_request_duration_seconds_bucket{endpoint=\"").append(e.label)
                        .append("\",le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            out.append("calendarbot_http_request_duration_seconds_bucket{endpoint=\"").append(e.label)
                    .append("\",le=\"+Inf\"} ").append(total).append('\n');
            out.append("calendarbot_http_request_duration_seconds_sum{endpoint=\"").append(e.label).append("\"} ")
                    .append(s.sumNanos.sum() / 1e9).append('\n');
            out.append("calendarbot_http_request_duration_seconds_count{endpoint=\"").append(e.label).append("\"} ")
                    .append(total).append('\n');
        }
    }

    private static final class Stats {
        final LongAdder[] byStatus = adders(STATUS_CLASSES.length);
        final LongAdder[] buckets = adders(BUCKETS.length + 1);
        final LongAdder sumNanos = new LongAdder();

        private static LongAdder[] adders(int n) {
            LongAdder[] a = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                a[i] = new LongAdder();
            }
            return a;
        }
    }
}
