package calendarbot.bench;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Refresh scenarios against the real pi distribution: one kiosk process per scenario; its first (cold) refresh
 * happens at start; then the measured refresh is asked for with POST /api/refresh while the harness samples the
 * process's RSS every 20 ms, heap every 100 ms and GET /api/whats-next every 50 ms.
 */
final class Scenarios {

    /** The profile under test: pi, unless -Dbench.profile says otherwise. */
    static final String PROFILE = System.getProperty("bench.profile", "pi");

    /** One scenario: its sources, whether streaming is forced off, whether 100 clients load the kiosk meanwhile. */
    record Scenario(String name, String description, List<Source> sources, boolean streamingOff,
            boolean loadDuringRefresh) {
    }

    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> list = new ArrayList<>();
        for (Feed f : List.of(Feed.SMALL, Feed.MEDIUM, Feed.LARGE, Feed.XLARGE)) {
            String size = f.name().toLowerCase(java.util.Locale.ROOT);
            for (boolean cl : List.of(true, false)) {
                list.add(new Scenario(size + (cl ? "-cl" : "-chunked"),
                        f.label() + " (" + human(f.targetBytes) + ") " + (cl ? "with Content-Length" : "chunked"),
                        List.of(new Source(size, f, cl)), false, f == Feed.XLARGE && cl));
            }
            if (f == Feed.LARGE || f == Feed.XLARGE) {
                list.add(new Scenario(size + "-nostream",
                        f.label() + " with Content-Length, streaming forced off (threshold 64 MB): baseline",
                        List.of(new Source(size, f, true)), true, false));
            }
        }
        list.add(new Scenario("concurrent", "3 sources at once: google-small (CL), outlook-medium (chunked), "
                + "outlook-large (CL)", List.of(new Source("gsmall", Feed.GOOGLE_SMALL, true),
                        new Source("medium", Feed.MEDIUM, false), new Source("large", Feed.LARGE, true)),
                false, false));
        return list;
    }

    /** Scenarios whose name is {@code name} or starts with {@code name + "-"} ("xlarge" gives all three). */
    static List<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name) || s.name().startsWith(name + "-")).toList();
    }

    static Map<String, Object> run(Context ctx, Scenario s, boolean cds) throws IOException, InterruptedException {
        ctx.out.printf("bench: scenario %s: %s%n", s.name(), s.description());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", s.name());
        r.put("description", s.description());
        r.put("profile", PROFILE);
        r.put("streaming", !s.streamingOff());
        r.put("appcds", cds);
        List<String> ids = s.sources().stream().map(Source::name).toList();
        long feedBytes = 0;
        for (Source src : s.sources()) {
            feedBytes += java.nio.file.Files.size(ctx.feeds.file(src.feed()));
        }
        r.put("feed_bytes", feedBytes);
        Kiosk k = ctx.kiosk(PROFILE, "scenario-" + s.name(), s.sources(), s.streamingOff(), cds);
        try (k; HttpProbe probe = new HttpProbe(k.port(), 10_000)) {
            Map<String, Kiosk.Refresh> first = k.startAndLoad(ids, 300_000);
            r.put("ready_ms", k.awaitReady(1000));
            r.put("rss_ready_mb", k.readyRssMb());
            long lastSeen = first.values().stream().mapToLong(Kiosk.Refresh::seenAtNanos).max().orElse(0);
            Map<String, Object> firstFigures = refreshes(first, -1);
            firstFigures.remove("wall_ms");
            firstFigures.put("from_process_start_ms", (lastSeen - k.startedNanos()) / 1_000_000);
            r.put("first_refresh", firstFigures);
            Thread.sleep(2000);
            KioskRss.Figures afterFirst = KioskRss.read(k.pid());
            r.put("rss_after_first_refresh_mb", KioskRss.mb(afterFirst.rssKb()));
            r.put("rss_peak_since_start_mb", KioskRss.mb(afterFirst.hwmKb()));

            // the measured refresh
            Map<String, Double> before = k.metrics(probe);
            boolean peakReset = KioskRss.resetPeak(k.pid());
            Map<String, Kiosk.Refresh> measured;
            long wallMs;
            Latencies whatsNext;
            long pollErrors;
            Watch watch;
            try (KioskRss.Sampler rss = new KioskRss.Sampler(k.pid(), 20);
                    Watch w = new Watch(k.port())) {
                watch = w;
                k.forgetRefreshes();
                long t0 = System.nanoTime();
                HttpProbe.Answer accepted = probe.post("/api/refresh");
                if (accepted.status() != 202) {
                    throw new IOException("POST /api/refresh answered " + accepted.status() + ": " + accepted.body());
                }
                measured = k.awaitRefreshes(ids, 600_000);
                wallMs = (System.nanoTime() - t0) / 1_000_000;
                w.stop();
                r.put("rss_peak_refresh_mb", KioskRss.mb(rss.peakKb()));
                r.put("rss_samples", rss.count());
                r.put("rss_peak_from", peakReset ? "VmHWM after clear_refs, and 20 ms samples" : "20 ms samples");
                whatsNext = w.latencies;
                pollErrors = w.errors;
            }
            Map<String, Double> after = k.metrics(probe);
            r.put("refresh", refreshes(measured, wallMs));
            r.put("heap_used_max_mb", mb(watch.maxHeapUsed));
            r.put("heap_committed_max_mb", mb(watch.maxHeapCommitted));
            r.put("heap_used_after_mb", mb(value(after, "calendarbot_jvm_heap_used_bytes")));
            r.put("gc", gcDelta(before, after));
            Map<String, Object> poll = whatsNext.summary();
            poll.put("errors", pollErrors);
            poll.put("period_ms", Watch.POLL_MILLIS);
            r.put("whats_next_during_refresh", poll);
            r.put("sources", sourceFigures(probe, s, measured, k));

            if (s.loadDuringRefresh()) {
                r.put("load_during_refresh", loadDuringRefresh(k, probe, ids, 100));
            }
            Thread.sleep(2000);
            KioskRss.Figures settled = KioskRss.read(k.pid());
            r.put("rss_after_mb", KioskRss.mb(settled.rssKb()));
            r.put("completed", true);
        } catch (Kiosk.KioskDied died) {
            r.put("completed", false);
            r.put("failure", died.outOfMemory ? "the kiosk ran out of heap (OutOfMemoryError) and exited"
                    : "the kiosk exited with " + died.exitCode);
            r.put("log_tail", lastLines(died.getMessage(), 8));
            ctx.out.printf("bench: scenario %s: %s%n", s.name(), r.get("failure"));
        }
        return r;
    }

    /** 100 clients on /api/whats-next from one second before a refresh until it finished. */
    static Map<String, Object> loadDuringRefresh(Kiosk k, HttpProbe probe, List<String> ids, int clients)
            throws IOException, InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Object> outcome = new AtomicReference<>();
        LoadClient load = new LoadClient(k.port(), "/api/whats-next");
        Thread t = new Thread(() -> {
            try {
                outcome.set(load.run(clients, 1000, 600_000, done::get));
            } catch (IOException | RuntimeException e) {
                outcome.set(e);
            }
        }, "load-during-refresh");
        Map<String, Object> m = new LinkedHashMap<>();
        KioskRss.resetPeak(k.pid());
        try (KioskRss.Sampler rss = new KioskRss.Sampler(k.pid(), 20)) {
            t.start();
            Thread.sleep(1000);
            k.forgetRefreshes();
            long t0 = System.nanoTime();
            probe.post("/api/refresh");
            Map<String, Kiosk.Refresh> r = k.awaitRefreshes(ids, 600_000);
            done.set(true);
            t.join(30_000);
            m.put("refresh", refreshes(r, (System.nanoTime() - t0) / 1_000_000));
            m.put("rss_peak_mb", KioskRss.mb(rss.peakKb()));
        }
        Object o = outcome.get();
        if (o instanceof LoadClient.Result res) {
            m.put("load", res.toMap());
        } else {
            m.put("load_failure", String.valueOf(o));
        }
        return m;
    }

    static Map<String, Object> refreshes(Map<String, Kiosk.Refresh> byId, long wallMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_ms", wallMs);
        if (byId.size() == 1) {
            Kiosk.Refresh r = byId.values().iterator().next();
            m.put("ok", r.ok());
            m.putAll(r.phases());
            m.put("events", r.events());
            if (!r.ok()) {
                m.put("failure", r.failure());
            }
            return m;
        }
        for (var e : byId.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ok", e.getValue().ok());
            one.putAll(e.getValue().phases());
            one.put("events", e.getValue().events());
            if (!e.getValue().ok()) {
                one.put("failure", e.getValue().failure());
            }
            m.put(e.getKey(), one);
        }
        return m;
    }

    /** Per source: transfer, bytes, VEVENTs parsed, occurrences held, parse MB/s (bytes over fetch+parse). */
    @SuppressWarnings("unchecked")
    static List<Object> sourceFigures(HttpProbe probe, Scenario s, Map<String, Kiosk.Refresh> measured, Kiosk k)
            throws IOException {
        Map<String, Map<String, Object>> health = new LinkedHashMap<>();
        HttpProbe.Answer a = probe.get("/api/health");
        Object parsed = JsonReader.parse(a.body());
        if (parsed instanceof Map<?, ?> root && root.get("sources") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> src = (Map<String, Object>) o;
                health.put(String.valueOf(src.get("id")), src);
            }
        }
        List<Object> out = new ArrayList<>();
        for (Source src : s.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> h = health.getOrDefault(src.name(), Map.of());
            Kiosk.Refresh r = measured.get(src.name());
            m.put("source", src.name());
            m.put("feed", src.feed().label());
            m.put("transfer", src.transfer());
            m.put("fetch_mode", k.fetchMode(src.name()));
            m.put("state", h.get("state"));
            m.put("bytes", h.get("bytes") instanceof Number n ? n.longValue() : null);
            m.put("events", r == null ? null : r.events());
            m.put("masters", r == null ? null : r.masters());
            m.put("occurrences", h.get("events") instanceof Number n ? n.longValue() : null);
            if (r != null && r.fetchParseMs() > 0 && h.get("bytes") instanceof Number n) {
                m.put("fetch_parse_mb_per_s",
                        Math.round(n.doubleValue() / 1048576.0 / (r.fetchParseMs() / 1000.0) * 10) / 10.0);
            }
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> gcDelta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Object> m = new LinkedHashMap<>();
        double count = 0;
        double seconds = 0;
        for (var e : after.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("calendarbot_jvm_gc_collections_total")) {
                double d = e.getValue() - before.getOrDefault(key, 0.0);
                count += d;
                m.put("collections " + collector(key), Math.round(d));
            } else if (key.startsWith("calendarbot_jvm_gc_seconds_total")) {
                double d = e.getValue() - before.getOrDefault(key, 0.0);
                seconds += d;
                m.put("ms " + collector(key), Math.round(d * 1000));
            }
        }
        if (m.isEmpty()) {
            m.put("available", false);
            return m;
        }
        m.put("collections", Math.round(count));
        m.put("ms", Math.round(seconds * 1000));
        return m;
    }

    private static String collector(String key) {
        int q = key.indexOf('"');
        return q < 0 ? key : key.substring(q + 1, key.indexOf('"', q + 1));
    }

    static double value(Map<String, Double> metrics, String name) {
        return metrics.getOrDefault(name, -1.0);
    }

    static Double mb(double bytes) {
        return bytes < 0 ? null : Math.round(bytes / 1048576.0 * 10) / 10.0;
    }

    static String human(long bytes) {
        return bytes >= Feeds.MB ? bytes / Feeds.MB + " MB" : bytes / Feeds.KB + " KB";
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    /** GET /api/whats-next every 50 ms and /metrics every 100 ms, each on its own connection and thread. */
    static final class Watch implements AutoCloseable {
        static final long POLL_MILLIS = 50;
        final Latencies latencies = new Latencies(100_000);
        volatile long errors;
        volatile double maxHeapUsed = -1;
        volatile double maxHeapCommitted = -1;
        private volatile boolean running = true;
        private final Thread poller;
        private final Thread metrics;

        Watch(int port) {
            poller = new Thread(() -> {
                try (HttpProbe p = new HttpProbe(port, 10_000)) {
                    long next = System.nanoTime();
                    while (running) {
                        try {
                            HttpProbe.Answer a = p.get("/api/whats-next");
                            latencies.add(a.nanos());
                            if (!a.ok()) {
                                errors++;
                            }
                        } catch (IOException e) {
                            errors++;
                        }
                        next += POLL_MILLIS * 1_000_000L;
                        long sleep = (next - System.nanoTime()) / 1_000_000;
                        if (sleep > 0) {
                            Thread.sleep(sleep);
                        } else {
                            next = System.nanoTime();
                        }
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            }, "whats-next-poller");
            metrics = new Thread(() -> {
                try (HttpProbe p = new HttpProbe(port, 10_000)) {
                    while (running) {
                        try {
                            HttpProbe.Answer a = p.get("/metrics");
                            for (String line : a.body().split("\n")) {
                                if (line.startsWith("calendarbot_jvm_heap_used_bytes ")) {
                                    maxHeapUsed = Math.max(maxHeapUsed, Double.parseDouble(line.substring(32)));
                                } else if (line.startsWith("calendarbot_jvm_heap_committed_bytes ")) {
                                    maxHeapCommitted = Math.max(maxHeapCommitted,
                                            Double.parseDouble(line.substring(37)));
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            // a missed sample
                        }
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            }, "metrics-watch");
            poller.setDaemon(true);
            metrics.setDaemon(true);
            poller.start();
            metrics.start();
        }

        void stop() throws InterruptedException {
            running = false;
            poller.join(15_000);
            metrics.join(15_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
