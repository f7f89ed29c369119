package calendarbot.bench;

import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the medicine panel takes to show the doses due: Debian's headless chromium at 480x800, driven by
 * chromedriver through the W3C WebDriver protocol (plain HTTP, no client library), reading the
 * {@code medicines-rendered} performance mark the panel sets (milliseconds from the start of the navigation).
 */
final class PanelRender {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MARK = "var e = performance.getEntriesByName('medicines-rendered');"
            + " return e.length ? [e[0].startTime, document.documentElement.getAttribute('data-doses')] : null;";

    private PanelRender() {
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** {@code runs} fresh loads of {@code page}; the first one is reported apart (cold caches, a JIT not warm). */
    static Map<String, Object> measure(URI page, int runs) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path profile = Files.createTempDirectory("calendarbot-bench-chromium-");
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            awaitDriver(http, base);
            Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless=new",
                            "--no-sandbox", "--disable-gpu", "--window-size=480,800",
                            "--user-data-dir=" + profile)))));
            String session = String.valueOf(JsonReader.at(call(http, "POST", base.resolve("/session"), caps),
                    "value", "sessionId"));
            URI s = base.resolve("/session/" + session + "/");
            Latencies warm = new Latencies(runs);
            Double first = null;
            Object doses = null;
            try {
                for (int i = 0; i < runs; i++) {
                    call(http, "POST", s.resolve("url"), Map.of("url", page.toString()));
                    Object mark = null;
                    long deadline = System.nanoTime() + 15_000_000_000L;
                    while (mark == null && System.nanoTime() < deadline) {
                        mark = JsonReader.at(call(http, "POST", s.resolve("execute/sync"),
                                Map.of("script", MARK, "args", List.of())), "value");
                    }
                    if (mark == null) {
                        throw new IOException("the panel set no medicines-rendered mark within 15 s");
                    }
                    double ms = ((Number) JsonReader.at(mark, 0)).doubleValue();
                    doses = JsonReader.at(mark, 1);
                    if (i == 0) {
                        first = Math.round(ms * 10) / 10.0;
                    } else {
                        warm.add((long) (ms * 1_000_000));
                    }
                }
            } finally {
                call(http, "DELETE", base.resolve("/session/" + session), null);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("page", page.toString());
            m.put("viewport", "480x800");
            m.put("doses_shown", doses);
            m.put("first_load_ms", first);
            m.putAll(warm.summary());
            return m;
        } finally {
            driver.destroy();
            driver.waitFor();
            Distributions.delete(profile);
        }
    }

    private static void awaitDriver(HttpClient http, URI base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                if (Boolean.TRUE.equals(JsonReader.at(call(http, "GET", base.resolve("/status"), null), "value",
                        "ready"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(100);
        }
    }

    private static Object call(HttpClient http, String method, URI uri, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonWriter.write(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException("chromedriver " + method + " " + uri.getPath() + ": " + r.statusCode() + " " + r.body());
        }
        return JsonReader.parse(r.body());
    }
}
