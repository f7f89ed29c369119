package calendarbot.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readable side of a run: tables of the figures and the targets of issue 6 with their verdicts. */
final class Report {

    private Report() {
    }

    // ------------------------------------------------------------------------------------------ targets

    /** Each target with the measured figure and whether it is met; figures a run did not measure are left out. */
    @SuppressWarnings("unchecked")
    static List<Object> targets(Map<String, Object> run) {
        List<Object> out = new ArrayList<>();
        Map<String, Object> parser = map(run.get("parser"));
        Map<String, Object> c2 = map(parser.get("xmx16m_c2"));
        if (Boolean.TRUE.equals(c2.get("completed"))) {
            out.add(target("parser >= 60 MB/s on the 50 MB feed with <= 16 MB heap (-Xmx16m, C2)", ">=", 60,
                    num(c2.get("mb_per_s_median")), "MB/s"));
        } else if (!c2.isEmpty()) {
            out.add(target("parser >= 60 MB/s on the 50 MB feed with <= 16 MB heap (-Xmx16m, C2)", ">=", 60, 0.0,
                    "MB/s (did not complete: " + firstLine(c2.get("failure")) + ")"));
        }
        Map<String, Object> pi = map(parser.get("xmx16m_pi_flags"));
        if (Boolean.TRUE.equals(pi.get("completed"))) {
            out.add(target("  same with the pi profile's JIT flags (C1 only)", ">=", 60,
                    num(pi.get("mb_per_s_median")), "MB/s"));
        }
        Map<String, Object> idle = map(map(run.get("idle")).get("appcds"));
        if (idle.get("rss_idle_mb") != null) {
            out.add(target("pi idle RSS <= 64 MB (10 s after ready, medium feed, AppCDS)", "<=", 64,
                    num(idle.get("rss_idle_mb")), "MB"));
        }
        Map<String, Object> idleNoCds = map(map(run.get("idle")).get("no_appcds"));
        if (idleNoCds.get("rss_idle_mb") != null) {
            out.add(target("  same without AppCDS", "<=", 64, num(idleNoCds.get("rss_idle_mb")), "MB"));
        }
        for (Object o : list(run.get("scenarios"))) {
            Map<String, Object> s = map(o);
            String name = String.valueOf(s.get("name"));
            // the streaming-off baseline shows what streaming saves; it is not held to the target
            if (name.startsWith("xlarge") && !name.endsWith("nostream")) {
                Double peak = max(num(s.get("rss_peak_refresh_mb")), num(s.get("rss_peak_since_start_mb")));
                if (Boolean.TRUE.equals(s.get("completed"))) {
                    out.add(target("pi RSS <= 96 MB during the 50 MB refresh (" + name + ", peak incl. first refresh)",
                            "<=", 96, peak, "MB"));
                } else {
                    out.add(target("pi RSS <= 96 MB during the 50 MB refresh (" + name + ")", "<=", 96, null,
                            "MB (" + s.get("failure") + ")"));
                }
                Map<String, Object> poll = map(s.get("whats_next_during_refresh"));
                if (poll.get("p99_ms") != null && name.equals("xlarge-cl")) {
                    out.add(target("/api/whats-next p99 <= 5 ms during the 50 MB refresh (one client, every 50 ms, "
                            + poll.get("samples") + " samples)", "<=", 5, num(poll.get("p99_ms")), "ms"));
                }
                Map<String, Object> during = map(map(s.get("load_during_refresh")).get("load"));
                if (during.get("p99_ms") != null) {
                    out.add(target("/api/whats-next p99 <= 5 ms, 100 clients, during the 50 MB refresh", "<=", 5,
                            num(during.get("p99_ms")), "ms"));
                }
            }
        }
        Map<String, Object> load = map(run.get("load"));
        for (String profile : List.of("pi", "full")) {
            for (Object o : list(map(load.get(profile)).get("levels"))) {
                Map<String, Object> l = map(o);
                int clients = ((Number) l.get("clients")).intValue();
                if (clients == 100 && "/api/whats-next".equals(l.get("path"))) {
                    String client = l.get("client") == null ? "" : ", " + l.get("client");
                    out.add(target("/api/whats-next p99 <= 5 ms with 100 clients (" + profile + client + ")", "<=", 5,
                            num(l.get("p99_ms")), "ms"));
                }
                if (clients == 500) {
                    double errors = num(l.get("errors")) + num(l.get("warmup_errors"));
                    out.add(target("zero errors with 500 clients on " + l.get("path") + " (" + profile + ")", "<=", 0,
                            errors, "errors"));
                }
            }
        }
        Map<String, Object> start = map(run.get("start_from_archive"));
        for (String variant : List.of("appcds", "no_appcds")) {
            Map<String, Object> v = map(start.get(variant));
            if (v.get("meeting_ms_median") != null) {
                out.add(target("meeting from the archive within 1.5 s of process start (" + variant.replace('_', ' ')
                        + ", median of " + v.get("starts") + ")", "<=", 1500, num(v.get("meeting_ms_median")), "ms"));
            }
        }
        Map<String, Object> display = map(run.get("display"));
        Map<String, Object> drawn = map(display.get("with"));
        if (drawn.get("png_800x480_ms_median") != null) {
            out.add(target("display: 800x480 drawn in <= 30 ms warm (PNG freshly drawn, encoded and sent; median)", "<=",
                    30, num(drawn.get("png_800x480_ms_median")), "ms"));
        }
        if (display.get("rss_added_idle_mb") != null) {
            out.add(target("display: pi + display/framebuffer within 12 MB RSS of the pi alone, idle", "<=", 12,
                    num(display.get("rss_added_idle_mb")), "MB"));
            out.add(target("display: ... while redrawing every second (peak)", "<=", 12,
                    num(display.get("rss_added_redrawing_mb")), "MB"));
        }
        if (drawn.get("bmp_1bit_800x480_bytes") != null) {
            out.add(target("display: 1-bit 800x480 BMP is 48 KB (48,000 bytes of pixels + 62 of headers)", "<=",
                    48_062, num(drawn.get("bmp_1bit_800x480_bytes")), "bytes"));
        }
        Map<String, Object> leak = map(run.get("leak"));
        if (leak.get("rss_slope_kb_per_cycle") != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", "no leak: RSS flat over " + leak.get("cycles") + " refresh cycles (slope, second half)");
            List<Object> halves = list(leak.get("rss_slope_kb_per_cycle_halves"));
            double second = halves.size() == 2 ? num(halves.get(1)) : num(leak.get("rss_slope_kb_per_cycle"));
            t.put("measured", second);
            t.put("unit", "kB/cycle");
            // RSS is counted in pages: below 1 kB per cycle over the second half is a flat line
            t.put("met", Math.abs(second) < 1.0);
            double firstHalf = halves.size() == 2 ? num(halves.get(0)) : second;
            if (Math.abs(second) >= 1.0 && second < firstHalf / 2) {
                t.put("note", "still flattening (" + fmt(firstHalf) + " then " + fmt(second)
                        + " kB/cycle): run more cycles (--cycles 5000)");
            }
            out.add(t);
        }
        return out;
    }

    private static Map<String, Object> target(String what, String op, double limit, Double measured, String unit) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", what);
        t.put("limit", limit);
        t.put("measured", measured);
        t.put("unit", unit);
        if (measured == null) {
            t.put("met", false);
            return t;
        }
        boolean met = op.equals(">=") ? measured >= limit : measured <= limit;
        t.put("met", met);
        if (!met) {
            double by = Math.abs(measured - limit);
            t.put("missed_by", Math.round(by * 10) / 10.0);
            if (limit > 0) {
                t.put("missed_by_percent", Math.round(by / limit * 100));
            }
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------ tables

    static void print(Map<String, Object> run, PrintStream out) {
        out.println();
        out.println("=== CalendarBot benchmark (" + run.get("kind") + ", " + run.get("started") + ", "
                + map(run.get("machine")).get("cpus") + " CPUs, " + map(run.get("machine")).get("java") + ") ===");
        parser(run, out);
        scenarios(run, out);
        load(run, out);
        FootprintTargets.print(run, out);
        FootprintFloor.print(run, out);
        footprint(run, out);
        display(run, out);
        jmh(run, out);
        List<Object> targets = list(run.get("targets"));
        if (!targets.isEmpty()) {
            out.println();
            out.println("Targets");
            Table t = new Table("target", "measured", "verdict");
            for (Object o : targets) {
                Map<String, Object> m = map(o);
                String verdict = m.get("note") != null ? String.valueOf(m.get("note"))
                        : Boolean.TRUE.equals(m.get("met")) ? "met"
                        : m.get("missed_by") != null ? "MISSED by " + fmt(m.get("missed_by")) + " " + unitOf(m)
                                + (m.get("missed_by_percent") != null ? " (" + m.get("missed_by_percent") + "%)" : "")
                                : "MISSED";
                t.row(m.get("target"), fmt(m.get("measured")) + " " + unitOf(m), verdict);
            }
            t.print(out);
        }
        Map<String, Object> errors = map(run.get("errors"));
        if (!errors.isEmpty()) {
            out.println();
            out.println("Parts that failed");
            errors.forEach((k, v) -> out.println("  " + k + ": " + firstLine(v)));
        }
    }

    private static String unitOf(Map<String, Object> target) {
        String unit = String.valueOf(target.get("unit"));
        int paren = unit.indexOf(" (");
        return paren > 0 ? unit.substring(0, paren) : unit;
    }

    private static void parser(Map<String, Object> run, PrintStream out) {
        Map<String, Object> parser = map(run.get("parser"));
        if (parser.isEmpty()) {
            return;
        }
        out.println();
        out.println("Parser alone, streamed from the file, events dropped (ParserRun)");
        Table t = new Table("run", "MB", "events", "MB/s median", "MB/s best", "CPU MB/s", "heap max",
                "heap peak", "alloc/event", "GCs/parse");
        parser.forEach((name, v) -> {
            Map<String, Object> m = map(v);
            if (!Boolean.TRUE.equals(m.get("completed"))) {
                t.row(name, "", "", "FAILED: " + firstLine(m.get("failure")), "", "", "", "", "", "");
                return;
            }
            t.row(name + " (" + m.get("file") + ")", fmt(num(m.get("bytes")) / 1048576.0), fmt(m.get("events")),
                    fmt(m.get("mb_per_s_median")), fmt(m.get("mb_per_s_best")), fmt(m.get("cpu_mb_per_s_median")),
                    fmt(m.get("heap_max_mb")) + " MB", fmt(m.get("heap_peak_sum_of_pools_mb")) + " MB",
                    fmt(m.get("allocated_bytes_per_event")) + " B", fmt(m.get("gc_collections_per_parse")));
        });
        t.print(out);
    }

    private static void scenarios(Map<String, Object> run, PrintStream out) {
        List<Object> scenarios = list(run.get("scenarios"));
        if (scenarios.isEmpty()) {
            return;
        }
        out.println();
        String profile = String.valueOf(map(scenarios.get(0)).get("profile"));
        out.println("Refresh scenarios on the " + profile + " profile (ms; measured refresh = the second, warm one;"
                + " 1st refresh = the cold one at start, its total)");
        Table t = new Table("scenario", "MB", "events", "occurr.", "fetch+parse", "archive", "expand", "store",
                "wall", "parse MB/s", "1st refresh", "RSS peak", "RSS after", "heap max", "GC n/ms",
                "whats-next p50/p99 (n)");
        for (Object o : scenarios) {
            Map<String, Object> s = map(o);
            if (!Boolean.TRUE.equals(s.get("completed"))) {
                t.row(s.get("name"), fmt(num(s.get("feed_bytes")) / 1048576.0), "FAILED", "", "", "", "", "", "", "",
                        first(s), fmt(s.get("rss_peak_since_start_mb")) + " MB", "", "", "", "");
                continue;
            }
            Map<String, Object> r = map(s.get("refresh"));
            List<Object> sources = list(s.get("sources"));
            long events = 0;
            long occurrences = 0;
            double rate = 0;
            for (Object so : sources) {
                events += (long) num(map(so).get("events"));
                occurrences += (long) num(map(so).get("occurrences"));
                rate = sources.size() == 1 ? num(map(so).get("fetch_parse_mb_per_s")) : 0;
            }
            Map<String, Object> first = map(s.get("first_refresh"));
            Map<String, Object> gc = map(s.get("gc"));
            Map<String, Object> poll = map(s.get("whats_next_during_refresh"));
            boolean single = r.containsKey("fetch_parse_ms");
            t.row(s.get("name"), fmt(num(s.get("feed_bytes")) / 1048576.0), events, occurrences,
                    single ? fmt(r.get("fetch_parse_ms")) : "per source", single ? fmt(r.get("archive_ms")) : "",
                    single ? fmt(r.get("expand_ms")) : "", single ? fmt(r.get("store_ms")) : "",
                    fmt(r.get("wall_ms")), single ? fmt(rate) : "", single ? fmt(first.get("total_ms")) : "",
                    fmt(max(num(s.get("rss_peak_refresh_mb")), num(s.get("rss_peak_since_start_mb")))) + " MB",
                    fmt(s.get("rss_after_mb")) + " MB", fmt(s.get("heap_used_max_mb")) + " MB",
                    fmt(gc.get("collections")) + "/" + fmt(gc.get("ms")),
                    fmt(poll.get("p50_ms")) + "/" + fmt(poll.get("p99_ms")) + " (" + poll.get("samples") + ")");
            if (!single) {
                for (var e : r.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> one) {
                        Map<String, Object> m = map(one);
                        t.row("  " + e.getKey(), "", m.get("events"), "", fmt(m.get("fetch_parse_ms")),
                                fmt(m.get("archive_ms")), fmt(m.get("expand_ms")), fmt(m.get("store_ms")),
                                fmt(m.get("total_ms")), "", "", "", "", "", "", "");
                    }
                }
            }
        }
        t.print(out);
        for (Object o : scenarios) {
            Map<String, Object> s = map(o);
            if (!Boolean.TRUE.equals(s.get("completed"))) {
                out.printf("  %s FAILED: %s%n", s.get("name"), s.get("failure"));
            }
            String mode = "";
            for (Object so : list(s.get("sources"))) {
                mode += (mode.isEmpty() ? "" : ", ") + map(so).get("source") + " " + map(so).get("fetch_mode");
            }
            if (String.valueOf(s.get("name")).contains("nostream") && !mode.isEmpty()) {
                out.printf("  %s: fetcher read %s%n", s.get("name"), mode);
            }
        }
        for (Object o : scenarios) {
            Map<String, Object> s = map(o);
            Map<String, Object> during = map(s.get("load_during_refresh"));
            if (!during.isEmpty()) {
                Map<String, Object> l = map(during.get("load"));
                out.printf("  %s with 100 clients on /api/whats-next meanwhile: refresh %s ms, %s req/s, p50 %s ms,"
                                + " p99 %s ms, errors %s, RSS peak %s MB%n", s.get("name"),
                        fmt(map(during.get("refresh")).get("wall_ms")), fmt(l.get("throughput_rps")),
                        fmt(l.get("p50_ms")), fmt(l.get("p99_ms")), fmt(l.get("errors")), fmt(during.get("rss_peak_mb")));
            }
        }
    }

    private static String first(Map<String, Object> s) {
        return fmt(map(s.get("first_refresh")).get("total_ms"));
    }

    private static void load(Map<String, Object> run, PrintStream out) {
        Map<String, Object> load = map(run.get("load"));
        if (load.isEmpty()) {
            return;
        }
        out.println();
        out.println("Load: closed-loop keep-alive clients, medium feed loaded (ms)");
        Table t = new Table("profile", "client", "path", "clients", "req/s", "p50", "p95/p90", "p99", "max",
                "errors", "RSS peak");
        load.forEach((profile, v) -> {
            for (Object o : list(map(v).get("levels"))) {
                Map<String, Object> l = map(o);
                boolean wrk = "wrk".equals(l.get("client"));
                t.row(profile, wrk ? "wrk" : "java", l.get("path"), l.get("clients"), fmt(l.get("throughput_rps")),
                        fmt(l.get("p50_ms")), fmt(wrk ? l.get("p90_ms") : l.get("p95_ms")), fmt(l.get("p99_ms")),
                        fmt(l.get("max_ms")), fmt(num(l.get("errors")) + num(l.get("warmup_errors"))),
                        l.get("rss_peak_mb") == null ? "-" : fmt(l.get("rss_peak_mb")) + " MB");
            }
        });
        t.print(out);
    }

    private static void footprint(Map<String, Object> run, PrintStream out) {
        Map<String, Object> idle = map(run.get("idle"));
        Map<String, Object> start = map(run.get("start_from_archive"));
        Map<String, Object> leak = map(run.get("leak"));
        if (idle.isEmpty() && start.isEmpty() && leak.isEmpty()) {
            return;
        }
        out.println();
        out.println("Footprint (pi profile)");
        Table t = new Table("figure", "AppCDS", "no AppCDS");
        if (!idle.isEmpty()) {
            Map<String, Object> a = map(idle.get("appcds"));
            Map<String, Object> b = map(idle.get("no_appcds"));
            t.row("idle RSS 10 s after ready (medium feed)", fmt(a.get("rss_idle_mb")) + " MB",
                    fmt(b.get("rss_idle_mb")) + " MB");
            t.row("  of which anonymous / file-backed", fmt(a.get("rss_anonymous_mb")) + " / "
                    + fmt(a.get("rss_file_backed_mb")) + " MB", fmt(b.get("rss_anonymous_mb")) + " / "
                    + fmt(b.get("rss_file_backed_mb")) + " MB");
            t.row("  heap used / committed", fmt(a.get("heap_used_mb")) + " / " + fmt(a.get("heap_committed_mb"))
                    + " MB", fmt(b.get("heap_used_mb")) + " / " + fmt(b.get("heap_committed_mb")) + " MB");
            t.row("ready (launcher's figure)", fmt(a.get("ready_ms")) + " ms", fmt(b.get("ready_ms")) + " ms");
            Map<String, Object> nmt = map(idle.get("native_memory"));
            if (!nmt.isEmpty()) {
                StringBuilder b2 = new StringBuilder();
                map(nmt.get("committed_mb")).forEach((k, v) -> {
                    if (num(v) >= 0.5) {
                        b2.append(b2.length() == 0 ? "" : ", ").append(k).append(' ').append(fmt(v));
                    }
                });
                out.println();
                t.print(out);
                out.println("  JVM's own account of the idle pi kiosk (NMT, committed MB; total "
                        + fmt(nmt.get("total_committed_mb")) + ", RSS " + fmt(nmt.get("rss_mb")) + " with NMT on):");
                out.println("    " + b2);
                t.clear();
            }
        }
        if (!start.isEmpty()) {
            Map<String, Object> a = map(start.get("appcds"));
            Map<String, Object> b = map(start.get("no_appcds"));
            t.row("start to meeting from archive, feed down (median)", fmt(a.get("meeting_ms_median")) + " ms",
                    fmt(b.get("meeting_ms_median")) + " ms");
            t.row("  each start", String.valueOf(a.get("meeting_ms")), String.valueOf(b.get("meeting_ms")));
            t.row("  kiosk page \"/\" answers (median)", fmt(a.get("page_ms_median")) + " ms",
                    fmt(b.get("page_ms_median")) + " ms");
        }
        if (t.rows.size() > 1) {
            t.print(out);
        }
        if (!leak.isEmpty()) {
            out.printf("  leak check: %s refreshes of %s in %s s (mean %s ms, %s failed, %s POSTs lost): RSS %s -> %s MB"
                            + " (max %s), slope %s kB/cycle (halves %s), GC %s%n", leak.get("cycles"), leak.get("feed"),
                    fmt(leak.get("wall_s")), fmt(leak.get("refresh_mean_ms")), fmt(leak.get("failures")),
                    fmt(leak.get("requests_lost_to_coalescing")),
                    fmt(leak.get("rss_after_warmup_mb")), fmt(leak.get("rss_last_mb")), fmt(leak.get("rss_max_mb")),
                    fmt(leak.get("rss_slope_kb_per_cycle")), leak.get("rss_slope_kb_per_cycle_halves"),
                    map(leak.get("gc")));
            out.println("  RSS every tenth of the cycles (MB): " + leak.get("rss_series_mb_every_tenth"));
        }
    }

    private static void display(Map<String, Object> run, PrintStream out) {
        Map<String, Object> d = map(run.get("display"));
        if (d.isEmpty()) {
            return;
        }
        Map<String, Object> without = map(d.get("without"));
        Map<String, Object> with = map(d.get("with"));
        out.println();
        out.println("Display (pi profile, medium feed; with = display + framebuffer bundles in deploy/, drawing 800x480x32"
                + " onto a file)");
        Table t = new Table("figure", "pi", "pi + display");
        t.row("idle RSS (10 s after ready / after the first drawing)", fmt(without.get("rss_idle_mb")) + " MB",
                fmt(with.get("rss_idle_mb")) + " MB");
        t.row("  of which anonymous", fmt(without.get("rss_anonymous_mb")) + " MB",
                fmt(with.get("rss_anonymous_mb")) + " MB");
        t.row("  Java2D's native libraries (awt, fontmanager, freetype, harfbuzz...)", "-",
                fmt(with.get("java2d_libraries_rss_mb")) + " MB");
        t.row("RSS peak redrawing every second for 15 s", "-", fmt(with.get("rss_peak_redrawing_mb")) + " MB");
        t.row("800x480 PNG freshly drawn, over HTTP, warm: median / p90", "-", fmt(with.get("png_800x480_ms_median"))
                + " / " + fmt(with.get("png_800x480_ms_p90")) + " ms");
        t.row("RSS after those " + with.get("png_800x480_samples") + "+ pictures", "-",
                fmt(with.get("rss_after_pictures_mb")) + " MB");
        t.row("1-bit 800x480 BMP", "-", with.get("bmp_1bit_800x480_bytes") + " bytes");
        t.print(out);
    }

    private static void jmh(Map<String, Object> run, PrintStream out) {
        Map<String, Object> jmh = map(run.get("jmh"));
        if (jmh.isEmpty()) {
            return;
        }
        Map<String, Object> parser = map(jmh.get("parser"));
        out.println();
        out.println("JMH parser, " + parser.get("feed") + " (" + fmt(num(parser.get("bytes")) / 1048576.0) + " MB, "
                + parser.get("events") + " events) in memory; " + jmh.get("jvm"));
        Table t = new Table("reader", "ms/op", "MB/s", "allocated/op", "allocated/event");
        parser.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> r = map(m);
                t.row(k, fmt(r.get("ms_per_op")) + " ± " + fmt(r.get("ms_per_op_error")), fmt(r.get("mb_per_s")),
                        fmt(num(r.get("allocated_bytes_per_op")) / 1048576.0) + " MB",
                        fmt(r.get("allocated_bytes_per_event")) + " B");
            }
        });
        t.print(out);
        Map<String, Object> expander = map(jmh.get("expander"));
        out.println();
        out.println("JMH expander: " + expander.get("series") + "; " + expander.get("window"));
        Table e = new Table("engine", "ms/op", "occurrences/op", "occurrences/s", "allocated/occurrence");
        expander.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> r = map(m);
                e.row(k, fmt(r.get("ms_per_op")) + " ± " + fmt(r.get("ms_per_op_error")), r.get("occurrences_per_op"),
                        fmt(r.get("occurrences_per_s")), fmt(r.get("allocated_bytes_per_occurrence")) + " B");
            }
        });
        e.print(out);
    }

    // ------------------------------------------------------------------------------------------ small things

    /** Columns sized to their widest cell. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void clear() {
            rows.subList(1, rows.size()).clear();
        }

        void row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
            }
            rows.add(r);
        }

        void print(PrintStream out) {
            int columns = rows.get(0).length;
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int i = 0; i < Math.min(columns, r.length); i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (int n = 0; n < rows.size(); n++) {
                String[] r = rows.get(n);
                StringBuilder b = new StringBuilder("  ");
                for (int i = 0; i < columns; i++) {
                    String cell = i < r.length ? r[i] : "";
                    b.append(i == 0 ? pad(cell, width[i]) : padLeft(cell, width[i])).append(i + 1 < columns ? "  " : "");
                }
                out.println(b.toString().stripTrailing());
                if (n == 0) {
                    StringBuilder line = new StringBuilder("  ");
                    for (int i = 0; i < columns; i++) {
                        line.append("-".repeat(width[i])).append(i + 1 < columns ? "  " : "");
                    }
                    out.println(line);
                }
            }
        }

        private static String pad(String s, int w) {
            return s + " ".repeat(Math.max(0, w - s.length()));
        }

        private static String padLeft(String s, int w) {
            return " ".repeat(Math.max(0, w - s.length())) + s;
        }
    }

    static String fmt(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "-";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e12) {
                return Long.toString(d.longValue());
            }
            return Math.abs(d) >= 100 ? String.format("%.0f", d) : Math.abs(d) >= 10 ? String.format("%.1f", d)
                    : String.format("%.2f", d);
        }
        if (v instanceof Float f) {
            return fmt(f.doubleValue());
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static Double max(double a, double b) {
        return Math.max(a, b);
    }

    private static String firstLine(Object o) {
        String s = String.valueOf(o);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
