package calendarbot.bench;

import calendarbot.bench.Feeds.Feed;
import calendarbot.bench.HostileFeedServer.Kind;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak (issue 13, "the wall never goes dark"): one kiosk as deployed, three sources (a good feed that changes,
 * a hostile one that misbehaves in a new way every turn, an endless stream), a refresh of the next source in turn
 * every 10 s, 50 closed-loop clients on /api/whats-next and / all the while, and every 10 s a sample of the
 * process from outside (RSS, anonymous memory, threads, file descriptors) and from inside (/metrics, /api/health).
 * {@link SoakReport} turns the series into figures and verdicts.
 */
final class Soak {

    static final long TICK_MILLIS = 10_000;
    static final int WHATS_NEXT_CLIENTS = 40;
    static final int PAGE_CLIENTS = 10;
    static final List<String> SOURCES = List.of("good", "hostile", "endless");
    /** How long the threads and descriptors may take to return to their idle figures after the clients left. */
    static final long SETTLE_MILLIS = 90_000;

    /**
     * Short timeouts so that a stalled or dripping feed costs seconds, not minutes; a 16 MB body cap so the endless
     * Outlook stream ends there (the small one ends at the 20,000-event cap first).
     */
    static final String FETCHER_SETTINGS = """
            # bench soak: hostile feeds cost seconds
            connectTimeoutSeconds = 2
            readTimeoutSeconds = 2
            totalTimeoutSeconds = 6
            maxRetries = 2
            retryBaseDelayMillis = 250
            retryMaxDelayMillis = 2000
            maxRedirects = 5
            maxBodyBytes = 16777216
            """;

    private Soak() {
    }

    static Map<String, Object> run(Context ctx, String profile, int minutes) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", profile);
        m.put("minutes", minutes);
        m.put("tick_s", TICK_MILLIS / 1000);
        m.put("clients", Map.of("/api/whats-next", WHATS_NEXT_CLIENTS, "/", PAGE_CLIENTS));
        m.put("load_average_at_start", loadAverage());
        m.put("appcds", ctx.ensureCdsArchive(profile));
        FeedServer feeds = ctx.server();
        try (HostileFeedServer hostile = HostileFeedServer.start(Files.readAllBytes(ctx.feeds.file(Feed.SMALL)))) {
            hostile.prepare();
            Map<String, URI> urls = new LinkedHashMap<>();
            urls.put("good", feeds.url("/changing/good.ics"));
            urls.put("hostile", hostile.url("hostile"));
            urls.put("endless", feeds.url("/endless/endless.ics"));
            Kiosk k = ctx.kiosk(profile, ctx.runDir("soak-" + profile), urls, false, true);
            Files.writeString(k.configDir().resolve("calendarbot.fetcher.cfg"), fetcherConfig(ctx, profile));
            m.put("fetcher_settings", FETCHER_SETTINGS.strip());
            m.put("refresh_settings", Context.REFRESH_SETTINGS.strip());
            try (k) {
                ctx.out.printf("bench: soak, %s profile, %d min: starting the kiosk%n", profile, minutes);
                k.startAndLoad(SOURCES, 120_000);
                Thread.sleep(3_000);
                m.put("idle_before", gauges(k.pid()));
                m.putAll(soak(ctx, k, hostile, minutes));
                m.put("feed_server", Map.of("good_requests", feeds.changing().requests(),
                        "endless_requests", feeds.endless().requests(),
                        "hostile_requests", hostile.served()));
                if (k.isAlive()) {
                    m.put("idle_after", settle(k, Report.map(m.get("idle_before"))));
                }
                m.put("kiosk_alive_at_end", k.isAlive());
                if (!k.isAlive()) {
                    m.put("kiosk_exit", k.tailText());
                }
            }
            m.put("log", KioskLog.scan(k.log()));
            m.put("log_file", k.log().toString());
        }
        m.put("load_average_at_end", loadAverage());
        m.putAll(SoakReport.summarise(m));
        return m;
    }

    /** The clients, the refresh turns and the samples, for {@code minutes}. */
    private static Map<String, Object> soak(Context ctx, Kiosk k, HostileFeedServer hostile, int minutes)
            throws Exception {
        long millis = minutes * 60_000L;
        AtomicBoolean stop = new AtomicBoolean();
        LoadClient.Live live = new LoadClient.Live();
        List<Thread> clients = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        for (Map.Entry<String, Integer> c : Map.of("/api/whats-next", WHATS_NEXT_CLIENTS, "/", PAGE_CLIENTS)
                .entrySet()) {
            AtomicReference<Object> result = new AtomicReference<>();
            results.add(result);
            LoadClient load = new LoadClient(k.port(), c.getKey(), live);
            Thread t = new Thread(() -> {
                try {
                    result.set(load.run(c.getValue(), 0, millis, stop::get).toMap());
                } catch (IOException | RuntimeException e) {
                    result.set("failed: " + e);
                }
            }, "soak-clients " + c.getKey());
            t.setDaemon(true);
            clients.add(t);
        }
        clients.forEach(Thread::start);
        // the gauges "under load" begin once the clients are connected and end before they stop: a sample taken
        // while they connect or leave (42 and 80 fds against 90 under load) is not a baseline
        long connecting = System.nanoTime() + 10_000_000_000L;
        while (live.requests() == 0 && System.nanoTime() < connecting) {
            Thread.sleep(50);
        }

        List<Object> samples = new ArrayList<>();
        Map<String, Object> refreshes = new LinkedHashMap<>();
        Outcomes outcomes = new Outcomes();
        Kind[] kinds = Kind.values();
        int hostileTurn = 0;
        long probeFailures = 0;
        long refreshRefused = 0;
        long started = System.nanoTime();
        long end = started + millis * 1_000_000L;
        k.drainRefreshes();
        try (HttpProbe probe = new HttpProbe(k.port(), 10_000)) {
            for (int tick = 0; System.nanoTime() < end - TICK_MILLIS * 500_000L; tick++) {
                if (!k.isAlive()) {
                    break;
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("t_s", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
                ProcessGauges.Reading r = ProcessGauges.read(k.pid());
                if (r != null) {
                    s.putAll(gauges(r));
                }
                s.put("requests", live.requests());
                s.put("failed", live.errors());
                s.put("slowest_ms", Latencies.ms(live.takeSlowestNanos()));
                try {
                    Double heap = k.metrics(probe).get("calendarbot_jvm_heap_used_bytes");
                    s.put("heap_used_mb", heap == null ? null : KioskRss.mb(heap.longValue() / 1024));
                    s.put("sources", states(probe.get("/api/health")));
                } catch (IOException e) {
                    probeFailures++;
                    s.put("probe_failure", String.valueOf(e.getMessage()));
                }
                samples.add(s);
                outcomes.add(k.drainRefreshes(), hostile.serving());
                String source = SOURCES.get(tick % SOURCES.size());
                if (source.equals("hostile")) {
                    hostile.serve(kinds[hostileTurn++ % kinds.length]);
                }
                try {
                    int status = probe.post("/api/refresh?source=" + source).status();
                    if (status != 202) {
                        refreshRefused++;
                        refreshes.merge("http " + status, 1L, (a, b) -> (Long) a + (Long) b);
                    }
                } catch (IOException e) {
                    probeFailures++;
                }
                if (tick % 6 == 5) {
                    ctx.out.printf("bench: soak %.1f/%d min: %,d requests, %d failed, RSS %s MB, %s threads, %s fds%n",
                            (System.nanoTime() - started) / 6e10, minutes, live.requests(), live.errors(),
                            s.get("rss_mb"), s.get("threads"), s.get("fds"));
                }
                long next = started + (tick + 1) * TICK_MILLIS * 1_000_000L;
                long wait = (Math.min(next, end) - System.nanoTime()) / 1_000_000L;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        stop.set(true);
        for (Thread t : clients) {
            t.join(30_000);
        }
        Thread.sleep(2_000);
        outcomes.add(k.drainRefreshes(), hostile.serving());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("duration_s", Math.round((System.nanoTime() - started) / 1e9));
        out.put("requests", live.requests());
        out.put("failed_requests", live.errors());
        out.put("probe_failures", probeFailures);
        out.put("refresh_requests_refused", refreshRefused);
        out.put("refresh_refusals", refreshes);
        List<Object> loads = new ArrayList<>();
        results.forEach(r -> loads.add(r.get()));
        out.put("load", loads);
        out.put("refreshes", outcomes.toMap());
        out.put("samples", samples);
        return out;
    }

    /** After the clients left: waits until threads and descriptors are back at their idle figures, or gives up. */
    private static Map<String, Object> settle(Kiosk k, Map<String, Object> before) throws InterruptedException {
        long started = System.nanoTime();
        Map<String, Object> now = Map.of();
        while (k.isAlive()) {
            ProcessGauges.Reading r = ProcessGauges.read(k.pid());
            now = r == null ? Map.of() : gauges(r);
            boolean back = r != null && r.threads() <= Report.num(before.get("threads")) + SoakReport.THREADS_SLACK
                    && r.fds() <= Report.num(before.get("fds")) + SoakReport.FDS_SLACK;
            if (back || System.nanoTime() - started > SETTLE_MILLIS * 1_000_000L) {
                break;
            }
            Thread.sleep(5_000);
        }
        Map<String, Object> m = new LinkedHashMap<>(now);
        m.put("after_s", Math.round((System.nanoTime() - started) / 1e9));
        return m;
    }

    static Map<String, Object> gauges(long pid) {
        ProcessGauges.Reading r = ProcessGauges.read(pid);
        return r == null ? Map.of() : gauges(r);
    }

    private static Map<String, Object> gauges(ProcessGauges.Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss_mb", KioskRss.mb(r.rssKb()));
        m.put("hwm_mb", KioskRss.mb(r.hwmKb()));
        m.put("anonymous_mb", r.anonymousKb() < 0 ? null : KioskRss.mb(r.anonymousKb()));
        m.put("private_dirty_mb", r.privateDirtyKb() < 0 ? null : KioskRss.mb(r.privateDirtyKb()));
        m.put("threads", r.threads());
        m.put("fds", r.fds());
        return m;
    }

    /** Source id to state ("OK", "FAILING", ...) from /api/health. */
    private static Map<String, Object> states(HttpProbe.Answer health) throws IOException {
        // 503 is /api/health's answer while a source fails (a watchdog's signal), as the hostile ones always do
        if (health.status() != 200 && health.status() != 503) {
            throw new IOException("/api/health answered " + health.status());
        }
        Map<String, Object> m = new TreeMap<>();
        if (JsonReader.parse(health.body()) instanceof Map<?, ?> root && root.get("sources") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> src) {
                    m.put(String.valueOf(src.get("id")), src.get("state"));
                }
            }
        }
        return m;
    }

    /** The profile's own calendarbot.fetcher.cfg (a file in --config replaces it whole) plus the soak's settings. */
    private static String fetcherConfig(Context ctx, String profile) throws IOException {
        Path shipped = ctx.distributions.home(profile).resolve("configs/calendarbot.fetcher.cfg");
        String own = Files.isRegularFile(shipped) ? Files.readString(shipped) : "";
        return own + (own.endsWith("\n") || own.isEmpty() ? "" : "\n") + FETCHER_SETTINGS;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Every finished refresh by source, and the hostile source's by the kind it was served. */
    private static final class Outcomes {
        private final Map<String, Map<String, Long>> bySource = new TreeMap<>();
        private final Map<String, Map<String, Long>> byKind = new LinkedHashMap<>();

        void add(List<Kiosk.Refresh> refreshes, Kind serving) {
            for (Kiosk.Refresh r : refreshes) {
                String outcome = r.ok() ? r.status() + (r.events() > 0 ? ", events" : "")
                        : r.status() + ": " + shorten(r.failure());
                bySource.computeIfAbsent(r.source(), s -> new TreeMap<>()).merge(r.ok() ? "ok" : "failed", 1L,
                        Long::sum);
                if (r.source().equals("hostile")) {
                    byKind.computeIfAbsent(serving.name(), s -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
                } else if (!r.ok()) {
                    byKind.computeIfAbsent(r.source(), s -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
                }
            }
        }

        private static String shorten(String s) {
            String text = s == null ? "" : s.replaceAll("\\d+", "N");
            return text.length() > 110 ? text.substring(0, 110) + "..." : text;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("by_source", bySource);
            m.put("by_kind", byKind);
            return m;
        }
    }
}
