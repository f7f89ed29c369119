package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The medicine tracker plug-in's suite ({@code bench/run medicine}), in the structure of the note it comes from
 * (shared/seeds/benchmark-suite-example.txt): database operations, API endpoints, load at 10 to 500 users, memory
 * and the panel's render time, each figure with the note's target for a Pi Zero 2W and {@code target_met}.
 * The kiosk is a copy of the pi distribution with calendarbot-full/plugins/ in its deploy/ folder.
 */
final class MedicineBench {

    static final List<Integer> USERS = List.of(10, 25, 50, 100, 200, 500);
    static final List<String> LOAD_PATHS = List.of("/api/medicines/pending", "/api/medicines");
    /** The pi profile's JVM flags that matter for speed (bin/calendarbot), for the database run. */
    static final List<String> PI_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=24m", "-Xss512k");

    private MedicineBench() {
    }

    static Map<String, Object> run(Context ctx, Map<String, Object> run) throws Exception {
        long started = System.nanoTime();
        run.put("database", database(ctx));
        Path home = piWithPlugins(ctx);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("pi_without_plugin", baseline(ctx));
        Path dir = ctx.runDir("medicine");
        Files.createDirectories(dir.resolve("config"));
        // the API run creates more than the default limit of 200
        Files.writeString(dir.resolve("config/calendarbot.medicine.cfg"), "maxMedicines = 5000\n");
        Kiosk k = new Kiosk(home, dir.resolve("config"), dir.resolve("data"),
                Map.of("CALENDARBOT_TEST_TIME", FeedWriter.KIOSK_NOW, "CALENDARBOT_CDS", "off"));
        try (k) {
            long t0 = System.nanoTime();
            k.start();
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("ready_ms", k.awaitReady(120_000));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create("http://127.0.0.1:" + k.port());
            while (send(http, "GET", base.resolve("/api/medicines"), null).statusCode() != 200) {
                if (System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new IOException("/api/medicines did not answer within 60 s:\n" + k.tailText());
                }
                Thread.sleep(20);
            }
            start.put("tracker_answering_ms", (System.nanoTime() - t0) / 1_000_000);
            run.put("start", start);
            List<Long> ids = seed(http, base);
            Thread.sleep(10_000);
            Map<String, Object> idle = new LinkedHashMap<>();
            idle.put("rss_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
            idle.put("medicines", ids.size());
            memory.put("pi_with_plugin_idle", MedicineTargets.judgeMb(idle, "rss_mb", 100));
            run.put("api", api(ctx, http, base, ids));
            run.put("load", load(ctx, k, memory));
            run.put("memory", memory);
            if (PanelRender.available()) {
                run.put("panel", MedicineTargets.judge(PanelRender.measure(base.resolve("/?layout=medicines"),
                        ctx.quick ? 4 : 11), 1000, 1000));
            } else {
                run.put("panel", Map.of("skipped", "no /usr/bin/chromium and /usr/bin/chromedriver"));
            }
        }
        run.put("duration_s", (System.nanoTime() - started) / 1_000_000_000L);
        run.put("summary", summary(run));
        return run;
    }

    /** The database operations in a JVM with the pi profile's flags. */
    private static Map<String, Object> database(Context ctx) throws IOException, InterruptedException {
        Path folder = ctx.work.resolve("medicine-db");
        Distributions.delete(folder);
        ctx.out.println("bench: medicine database operations (50 medicines, a month of doses, pi JVM flags)");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(PI_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MedicineDbRun.class.getName(),
                folder.toString(), Integer.toString(ctx.quick ? 100 : 400)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith(MedicineDbRun.PREFIX)) {
                Map<String, Object> m = JsonReader.parseObject(line.substring(MedicineDbRun.PREFIX.length()));
                m.put("jvm_flags", PI_FLAGS);
                return m;
            }
        }
        throw new IOException("the database run printed no result:\n" + output);
    }

    /** The pi profile alone, idle: what the plug-in adds is the difference. */
    private static Map<String, Object> baseline(Context ctx) throws Exception {
        Path dir = ctx.runDir("medicine-baseline");
        Kiosk k = new Kiosk(ctx.distributions.home("pi"), dir.resolve("config"), dir.resolve("data"),
                Map.of("CALENDARBOT_TEST_TIME", FeedWriter.KIOSK_NOW, "CALENDARBOT_CDS", "off"));
        try (k) {
            k.start();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ready_ms", k.awaitReady(120_000));
            Thread.sleep(10_000);
            m.put("rss_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
            return m;
        }
    }

    /** A private copy of the bench's pi distribution with every plug-in of calendarbot-full/plugins/ in deploy/. */
    private static Path piWithPlugins(Context ctx) throws IOException {
        Path from = ctx.distributions.home("pi");
        Path home = ctx.work.resolve("dist/pi-medicine");
        Distributions.delete(home);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !f.startsWith(from.resolve("data"))).toList()) {
                Path to = home.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> jars = Files.list(ctx.assembled.resolve("calendarbot-full/plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
            }
        }
        return home;
    }

    /** 50 medicines as a household might have them; the kiosk's clock (07:00) makes the 07:00 ones due. */
    private static List<Long> seed(HttpClient http, URI base) throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String schedule = switch (i % 4) {
                case 0, 1 -> "{\"times\": [\"07:00\", \"19:00\"]}";
                case 2 -> "{\"times\": [\"23:00\"], \"every_hours\": 8, \"starts\": \"2026-11-01\"}";
                default -> "{}";
            };
            HttpResponse<String> r = send(http, "POST", base.resolve("/api/medicines"), "{\"name\": \"Medicine " + i
                    + "\", \"dose\": \"" + (i % 3 + 1) * 50 + " mg\", \"schedule\": " + schedule + ", \"stock\": "
                    + (i % 7 == 0 ? 3 : 1000) + ", \"low_stock_threshold\": 10, \"notes\": \"seeded\"}");
            if (r.statusCode() != 201) {
                throw new IOException("seeding: " + r.statusCode() + " " + r.body());
            }
            ids.add((Long) JsonReader.parseObject(r.body()).get("id"));
        }
        return ids;
    }

    /** Each endpoint called in turn by one client; targets per endpoint from the note, else mean 100, p95 150. */
    private static List<Object> api(Context ctx, HttpClient http, URI base, List<Long> ids) throws Exception {
        int n = ctx.quick ? 50 : 200;
        ctx.out.printf("bench: medicine API endpoints, %d calls each%n", n);
        List<Long> asNeeded = new ArrayList<>();
        for (int i = 3; i < ids.size(); i += 4) {
            asNeeded.add(ids.get(i));
        }
        List<Object> out = new ArrayList<>();
        out.add(endpoint(http, n, "GET /api/medicines", 75, i -> req("GET", base, "/api/medicines", null)));
        out.add(endpoint(http, n, "GET /api/medicines/{id}", 50,
                i -> req("GET", base, "/api/medicines/" + ids.get(i % ids.size()), null)));
        out.add(endpoint(http, n, "GET /api/medicines/pending", 100, i -> req("GET", base, "/api/medicines/pending",
                null)));
        out.add(endpoint(http, n, "GET /api/medicines/low-stock", 100,
                i -> req("GET", base, "/api/medicines/low-stock", null)));
        out.add(endpoint(http, n, "GET /api/medicines/history", 100,
                i -> req("GET", base, "/api/medicines/history", null)));
        out.add(endpoint(http, n, "POST /api/medicines/{id}/take", 75, i -> req("POST", base,
                "/api/medicines/" + asNeeded.get(i % asNeeded.size()) + "/take", "{\"taken_by\": \"bench\"}")));
        out.add(endpoint(http, n, "POST /api/medicines/batch-take", 100, i -> req("POST", base,
                "/api/medicines/batch-take", "{\"medicine_ids\": " + asNeeded.subList(i % 8, i % 8 + 5) + "}")));
        out.add(endpoint(http, n, "PATCH /api/medicines/{id}", 100, i -> req("PATCH", base,
                "/api/medicines/" + ids.get(i % ids.size()), "{\"stock\": " + (1000 + i) + "}")));
        out.add(endpoint(http, n, "PUT /api/medicines/{id}", 100, i -> req("PUT", base,
                "/api/medicines/" + ids.get(i % ids.size()), "{\"name\": \"Medicine " + (i % ids.size())
                        + "\", \"dose\": \"50 mg\", \"schedule\": {\"times\": [\"07:00\", \"19:00\"]}, \"stock\": 900,"
                        + " \"low_stock_threshold\": 10}")));
        out.add(endpoint(http, n, "GET /api/health", 50, i -> req("GET", base, "/api/health", null)));
        // last: the creates add to the 50
        out.add(endpoint(http, n, "POST /api/medicines", 100, i -> req("POST", base, "/api/medicines",
                "{\"name\": \"Created " + i + "\", \"schedule\": {\"times\": [\"09:00\"]}, \"stock\": 30}")));
        return out;
    }

    private interface Call {
        HttpRequest request(int i);
    }

    private static Map<String, Object> endpoint(HttpClient http, int n, String name, double meanTarget, Call call)
            throws IOException, InterruptedException {
        for (int i = 0; i < 20; i++) {
            send(http, call.request(n + i));
        }
        Latencies lat = new Latencies(n);
        long errors = 0;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = send(http, call.request(i));
            lat.add(System.nanoTime() - t);
            if (r.statusCode() >= 300) {
                errors++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", name);
        m.put("errors", errors);
        m.putAll(lat.summary());
        MedicineTargets.judge(m, meanTarget, 150);
        if (errors > 0) {
            m.put("target_met", false);
        }
        return m;
    }

    /** Closed-loop users on the panel's poll and on the list; the 50-user level is the "under load" memory. */
    private static List<Object> load(Context ctx, Kiosk k, Map<String, Object> memory) throws IOException {
        long seconds = ctx.quick ? 3 : 10;
        ctx.out.printf("bench: medicine load: %s users x %s, %d s each%n", USERS, LOAD_PATHS, seconds);
        List<Object> levels = new ArrayList<>();
        double peak50 = 0;
        for (String path : LOAD_PATHS) {
            new LoadClient(k.port(), path).run(50, 0, ctx.quick ? 1000 : 3000, () -> false);
            for (int users : USERS) {
                Map<String, Object> m = LoadSuite.level(k, path, users, seconds);
                long requests = (Long) m.get("requests");
                long ok = Math.max(0, requests - (Long) m.get("errors"));
                m.put("success_rate_pct", requests == 0 ? 0.0 : Math.round(ok * 10000.0 / requests) / 100.0);
                double peak = (Double) m.get("rss_peak_mb");
                levels.add(MedicineTargets.judgeLoad(m, users));
                if (users == 50) {
                    peak50 = Math.max(peak50, peak);
                }
                ctx.out.printf("bench:   %-24s %3d users: %6d req/s, mean %6.2f ms, p99 %7.2f ms, success %.2f%%%n",
                        path, users, (Long) m.get("throughput_rps"), (Double) m.get("mean_ms"),
                        (Double) m.get("p99_ms"), (Double) m.get("success_rate_pct"));
                if (!k.isAlive()) {
                    throw new IOException("the kiosk died under load:\n" + k.tailText());
                }
            }
        }
        Map<String, Object> under = new LinkedHashMap<>();
        under.put("rss_peak_mb", peak50);
        memory.put("pi_with_plugin_50_users", MedicineTargets.judgeMb(under, "rss_peak_mb", 300));
        return levels;
    }

    /** How many figures met their target, which did not, and the smallest margin. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Map<String, Object> run) {
        List<Map<String, Object>> judged = new ArrayList<>();
        collect(run, judged);
        List<String> missed = new ArrayList<>();
        double smallest = Double.MAX_VALUE;
        for (Map<String, Object> m : judged) {
            if (!Boolean.TRUE.equals(m.get("target_met"))) {
                missed.add(String.valueOf(m.getOrDefault("operation", m.getOrDefault("endpoint",
                        m.getOrDefault("path", "?") + " " + m.getOrDefault("clients", "")))));
            }
            if (m.get("margin_x") instanceof Double d) {
                smallest = Math.min(smallest, d);
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("figures", judged.size());
        s.put("targets_met", judged.size() - missed.size());
        s.put("missed", missed);
        s.put("smallest_margin_x", smallest == Double.MAX_VALUE ? null : smallest);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Map<String, Object>> into) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("target_met")) {
                into.add((Map<String, Object>) map);
            }
            map.values().forEach(v -> collect(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        }
    }

    private static HttpRequest req(String method, URI base, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, String method, URI uri, String json)
            throws IOException, InterruptedException {
        return send(http, req(method, uri.resolve("/"), uri.getPath(), json));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The figures as a table: each with its target and margin. */
    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> run, java.io.PrintStream out) {
        List<Map<String, Object>> judged = new ArrayList<>();
        collect(run, judged);
        out.printf("%n%-40s %10s %10s %10s %8s %6s%n", "medicine figure", "mean ms", "p95 ms", "target", "margin", "met");
        for (Map<String, Object> m : judged) {
            String name = String.valueOf(m.getOrDefault("operation", m.getOrDefault("endpoint",
                    m.containsKey("clients") ? m.get("path") + " x" + m.get("clients") : m.containsKey("rss_mb")
                            ? "RSS idle (MB)" : m.containsKey("rss_peak_mb") ? "RSS peak, 50 users (MB)" : "panel render")));
            Object mean = m.getOrDefault("mean_ms", m.getOrDefault("rss_mb", m.get("rss_peak_mb")));
            Object target = m.getOrDefault("target_mean_ms", m.get("target_mb"));
            out.printf("%-40s %10s %10s %10s %7sx %6s%n", name, mean, m.getOrDefault("p95_ms", ""), target,
                    m.get("margin_x"), m.get("target_met"));
        }
        out.println("bench: " + run.get("summary"));
    }
}
