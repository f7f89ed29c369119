package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs for journald shipping: calendarbot.logging format=json, and a refresh's phases in /metrics. */
class JsonLogIT {

    @TempDir
    Path work;

    @Test
    void aRefreshIsOneJsonObjectWithItsSourceOutcomeAndPhasesAndThePhasesAreInMetrics() throws Exception {
        Path configs = Files.createDirectories(work.resolve("configs"));
        Files.writeString(configs.resolve("calendarbot.logging.cfg"), "rootLevel = INFO\nformat = json\n");
        try (Distribution kiosk = Distribution.start("pi", configs, work.resolve("data"), Map.of())) {
            Path log = work.resolve("data/logs/calendarbot.log");
            Poll.until("JSON lines in " + log, () -> Files.readString(log), text -> text.contains("{\"time\":\""));
            assertEquals(202, Http.postJson(kiosk.baseUri().resolve("/api/refresh?source=demo"), "{}").status());
            Map<String, Object> refresh = Poll.until("the demo's refresh as one JSON object", () -> {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("{") && line.contains("\"outcome\":\"ok\"")) {
                        return JsonReader.parseObject(line);
                    }
                }
                return null;
            });
            assertEquals("demo", refresh.get("source"));
            assertEquals("calendarbot.refresh.internal.FeedRefreshScheduler", refresh.get("logger"));
            assertEquals("INFO", refresh.get("level"));
            for (String phase : new String[] {"fetch_parse_ms", "archive_ms", "expand_ms", "store_ms"}) {
                assertTrue(refresh.get(phase) instanceof Long, phase + " in " + refresh);
            }
            String metrics = Http.get(kiosk.baseUri().resolve("/metrics")).body();
            assertTrue(metrics.contains("calendarbot_refresh_phase_seconds{source=\"demo\",phase=\"fetch_parse\"} "),
                    metrics);
            assertTrue(metrics.contains("calendarbot_refresh_duration_seconds{source=\"demo\"} "), metrics);
        }
    }
}
