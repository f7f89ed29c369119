package calendarbot.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's figures and verdicts from its samples: per gauge the first and last minute's averages, the extremes and
 * a least-squares slope per hour (after the warm-up, and over the second half alone); then whether no request
 * failed, threads and descriptors stayed at their baseline, RSS stayed flat and the log stayed clean.
 */
final class SoakReport {

    static final List<String> GAUGES = List.of("rss_mb", "hwm_mb", "anonymous_mb", "private_dirty_mb", "heap_used_mb",
            "threads", "fds");
    /** Threads and descriptors may differ this much from their baseline (a refresh worker, a client reconnecting). */
    static final int THREADS_SLACK = 2;
    static final int FDS_SLACK = 4;
    /**
     * RSS fitted after the warm-up may rise this much per hour and count as flat. A serial-GC heap makes RSS a
     * sawtooth of several megabytes, so a 30-minute fit is noisy: RSS that sets no new high in the last third of
     * the run is flat too (a leak keeps setting new highs).
     */
    static final double RSS_SLOPE_LIMIT_MB_PER_H = 2.0;

    private SoakReport() {
    }

    /** "figures" (per gauge) and "verdicts" for a soak's result map. */
    static Map<String, Object> summarise(Map<String, Object> run) {
        List<Object> samples = Report.list(run.get("samples"));
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String g : GAUGES) {
            figures.put(g, gauge(samples, g));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("figures", figures);
        out.put("verdicts", verdicts(run, figures));
        return out;
    }

    static Map<String, Object> gauge(List<Object> samples, String name) {
        List<double[]> points = new ArrayList<>();
        for (Object o : samples) {
            Map<String, Object> s = Report.map(o);
            if (s.get(name) instanceof Number n && s.get("t_s") instanceof Number t && n.doubleValue() >= 0) {
                points.add(new double[] {t.doubleValue(), n.doubleValue()});
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (points.isEmpty()) {
            return m;
        }
        double last = points.get(points.size() - 1)[0];
        m.put("first_minute_avg", round(average(points, 0, 60)));
        m.put("last_minute_avg", round(average(points, last - 60, Double.MAX_VALUE)));
        m.put("min", round(points.stream().mapToDouble(p -> p[1]).min().orElse(0)));
        m.put("max", round(points.stream().mapToDouble(p -> p[1]).max().orElse(0)));
        double base = average(points, 0, 60);
        m.put("max_deviation_from_first_minute", round(points.stream().mapToDouble(p -> Math.abs(p[1] - base))
                .max().orElse(0)));
        m.put("before_last_third_max", round(max(points, 0, last * 2 / 3)));
        m.put("last_third_max", round(max(points, last * 2 / 3, Double.MAX_VALUE)));
        // the warm-up (heap and thread pool growing to the load): the first tenth, at least a minute; fit what follows
        double from = last >= 180 ? Math.max(60, last / 10) : 0;
        m.put("slope_per_h", round(slopePerHour(points, from)));
        m.put("slope_per_h_second_half", round(slopePerHour(points, last / 2)));
        m.put("samples", points.size());
        return m;
    }

    private static double max(List<double[]> points, double from, double to) {
        return points.stream().filter(p -> p[0] >= from && p[0] < to).mapToDouble(p -> p[1]).max().orElse(Double.NaN);
    }

    private static double average(List<double[]> points, double from, double to) {
        return points.stream().filter(p -> p[0] >= from && p[0] < to).mapToDouble(p -> p[1]).average().orElse(Double.NaN);
    }

    /** Least-squares slope of value over time, per hour, of the points from {@code fromSeconds} on. */
    static double slopePerHour(List<double[]> points, double fromSeconds) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            if (p[0] < fromSeconds) {
                continue;
            }
            double x = p[0] / 3600;
            n++;
            sx += x;
            sy += p[1];
            sxx += x * x;
            sxy += x * p[1];
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    private static List<Object> verdicts(Map<String, Object> run, Map<String, Object> figures) {
        List<Object> v = new ArrayList<>();
        double failed = Report.num(run.get("failed_requests")) + Report.num(run.get("probe_failures"))
                + Report.num(run.get("refresh_requests_refused"));
        v.add(verdict("failed kiosk requests == 0 (" + fmtCount(run.get("requests")) + " client requests; probes and "
                + "refresh requests included)", failed == 0, fmtCount(failed)));
        v.add(verdict("the kiosk ran to the end (no exit, no restart)",
                Boolean.TRUE.equals(run.get("kiosk_alive_at_end")), String.valueOf(run.get("kiosk_alive_at_end"))));
        for (String g : List.of("threads", "fds")) {
            Map<String, Object> f = Report.map(figures.get(g));
            int slack = g.equals("threads") ? THREADS_SLACK : FDS_SLACK;
            double drift = Report.num(f.get("last_minute_avg")) - Report.num(f.get("first_minute_avg"));
            v.add(verdict(g + " at their baseline under load: last minute within " + slack + " of the first",
                    !f.isEmpty() && Math.abs(drift) <= slack, Report.fmt(f.get("first_minute_avg")) + " -> "
                            + Report.fmt(f.get("last_minute_avg")) + " (max deviation "
                            + Report.fmt(f.get("max_deviation_from_first_minute")) + ", max "
                            + Report.fmt(f.get("max")) + ")"));
            Map<String, Object> before = Report.map(run.get("idle_before"));
            Map<String, Object> after = Report.map(run.get("idle_after"));
            v.add(verdict(g + " back to the idle figure after the clients left (within " + slack + ")",
                    !after.isEmpty() && Report.num(after.get(g)) <= Report.num(before.get(g)) + slack,
                    Report.fmt(before.get(g)) + " idle before, " + Report.fmt(after.get(g)) + " "
                            + Report.fmt(after.get("after_s")) + " s after"));
        }
        Map<String, Object> rss = Report.map(figures.get("rss_mb"));
        double slope = Report.num(rss.get("slope_per_h"));
        boolean newHigh = Report.num(rss.get("last_third_max")) > Report.num(rss.get("before_last_third_max"));
        v.add(verdict("RSS flat: fitted slope after the warm-up <= " + RSS_SLOPE_LIMIT_MB_PER_H
                + " MB/h, or no new high in the last third (a sawtooth, not a leak)",
                !rss.isEmpty() && (slope <= RSS_SLOPE_LIMIT_MB_PER_H || !newHigh), Report.fmt(slope)
                        + " MB/h (second half " + Report.fmt(rss.get("slope_per_h_second_half")) + "); "
                        + Report.fmt(rss.get("first_minute_avg")) + " -> " + Report.fmt(rss.get("last_minute_avg"))
                        + " MB; max " + Report.fmt(rss.get("before_last_third_max")) + " then "
                        + Report.fmt(rss.get("last_third_max")) + " in the last third"));
        Map<String, Object> log = Report.map(run.get("log"));
        double traces = Report.num(log.get("stack_traces"));
        double errors = Report.num(Report.map(log.get("by_level")).get("ERROR"));
        v.add(verdict("no exception and no ERROR in the kiosk's log", traces == 0 && errors == 0,
                fmtCount(traces) + " stack traces, " + fmtCount(errors) + " ERROR lines"));
        return v;
    }

    private static Map<String, Object> verdict(String what, boolean met, String measured) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", what);
        m.put("met", met);
        m.put("measured", measured);
        return m;
    }

    static boolean allMet(Map<String, Object> run) {
        return Report.list(run.get("verdicts")).stream().allMatch(o -> Boolean.TRUE.equals(Report.map(o).get("met")));
    }

    static void print(Map<String, Object> run, PrintStream out) {
        out.println();
        out.println("=== CalendarBot soak (" + run.get("profile") + " profile, " + run.get("minutes") + " min, "
                + run.get("started") + ", " + Report.map(run.get("machine")).get("cpus") + " CPUs; load average "
                + run.get("load_average_at_start") + " at start, " + run.get("load_average_at_end") + " at end) ===");
        out.println("clients: " + run.get("clients") + "; a refresh every " + run.get("tick_s") + " s of "
                + String.join(", ", Soak.SOURCES) + " in turn");
        Report.Table t = new Report.Table("gauge", "first min", "last min", "min", "max", "slope/h", "slope/h 2nd half");
        Map<String, Object> figures = Report.map(run.get("figures"));
        for (String g : GAUGES) {
            Map<String, Object> f = Report.map(figures.get(g));
            t.row(g, Report.fmt(f.get("first_minute_avg")), Report.fmt(f.get("last_minute_avg")),
                    Report.fmt(f.get("min")), Report.fmt(f.get("max")), Report.fmt(f.get("slope_per_h")),
                    Report.fmt(f.get("slope_per_h_second_half")));
        }
        t.print(out);
        for (Object o : Report.list(run.get("load"))) {
            Map<String, Object> l = Report.map(o);
            out.println("load " + l.get("path") + ": " + l.get("clients") + " clients, " + fmtCount(l.get("requests"))
                    + " requests, " + l.get("throughput_rps") + " req/s, p50 " + Report.fmt(l.get("p50_ms")) + " ms, p99 "
                    + Report.fmt(l.get("p99_ms")) + " ms, max " + Report.fmt(l.get("max_ms")) + " ms, errors "
                    + l.get("errors") + (Report.map(l.get("error_kinds")).isEmpty() ? "" : " " + l.get("error_kinds")));
        }
        out.println();
        out.println("Refreshes (hostile: by the kind served)");
        Map<String, Object> refreshes = Report.map(run.get("refreshes"));
        Report.map(refreshes.get("by_source")).forEach((k, v) -> out.println("  " + k + ": " + v));
        Report.map(refreshes.get("by_kind")).forEach((k, v) -> out.println("  " + k + ": " + v));
        Map<String, Object> log = Report.map(run.get("log"));
        out.println();
        out.println("Kiosk log: " + log.get("lines") + " lines " + log.get("by_level") + ", " + log.get("stack_traces")
                + " stack traces");
        for (Object o : Report.list(log.get("traces"))) {
            out.println("  trace x" + Report.map(o).get("count") + ": " + Report.map(o).get("text"));
        }
        for (Object o : Report.list(log.get("warn_error_messages"))) {
            String text = String.valueOf(Report.map(o).get("text"));
            out.println("  x" + Report.map(o).get("count") + " " + (text.length() > 150 ? text.substring(0, 150) + "..."
                    : text));
        }
        out.println();
        out.println("Verdicts");
        Report.Table v = new Report.Table("verdict", "measured", "");
        for (Object o : Report.list(run.get("verdicts"))) {
            Map<String, Object> m = Report.map(o);
            v.row(m.get("verdict"), m.get("measured"), Boolean.TRUE.equals(m.get("met")) ? "met" : "MISSED");
        }
        v.print(out);
    }

    private static String fmtCount(Object o) {
        return String.format("%,d", (long) Report.num(o));
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
