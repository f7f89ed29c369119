package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pi distribution configured in one line: CALENDARBOT_* variables and a calendarbot.env file. */
class OneLineSettingsIT {

    @TempDir
    Path work;

    @Test
    void aCalendarUrlInTheEnvironmentReplacesTheDemoAndLeavesNoTraceInTheFiles() throws Exception {
        Path feed = work.resolve("team.ics");
        try (InputStream in = getClass().getResourceAsStream("/feeds/moved-cancelled-and-excluded-weekly.ics")) {
            Files.copy(in, feed);
        }
        Path configs = Files.createDirectories(work.resolve("configs"));
        Path envFile = Files.writeString(configs.resolve("calendarbot.env"), "CALENDARBOT_REFRESH_INTERVAL=600\n");
        try (Distribution kiosk = Distribution.start("pi", configs, work.resolve("data"),
                Map.of("CALENDARBOT_ICS_URL", feed.toUri().toString()))) {
            Map<String, Object> health = Poll.until("the calendar of CALENDARBOT_ICS_URL in /api/health",
                    () -> health(kiosk), h -> "OK".equals(state(h, "default")));
            assertEquals("DISABLED", state(health, "demo"), health.toString());

            List<?> settings = (List<?>) JsonReader.at(
                    JsonReader.parseObject(Http.get(kiosk.baseUri().resolve("/api/status")).body()), "settings");
            assertTrue(settings.contains(Map.of("variable", "CALENDARBOT_REFRESH_INTERVAL", "pid", "calendarbot.refresh",
                    "property", "intervalSeconds", "value", 600L, "origin", ".env " + envFile)), settings.toString());
            assertTrue(settings.contains(Map.of("variable", "CALENDARBOT_ICS_URL", "pid", "calendarbot.source~default",
                    "property", "url", "value", feed.toUri().toString(), "origin", "environment")), settings.toString());
            assertTrue(kiosk.log().contains("every 600 s"), kiosk.log());
            try (Stream<Path> files = Files.list(configs)) {
                assertEquals(List.of(envFile), files.toList(), "nothing from the environment is written to a file");
            }
        }
        // the same folders without the variable: the calendar made for it goes, the demo comes back
        try (Distribution kiosk = Distribution.start("pi", configs, work.resolve("data"), Map.of())) {
            Map<String, Object> health = Poll.until("the demo calendar back in /api/health", () -> health(kiosk),
                    h -> "OK".equals(state(h, "demo")));
            assertEquals(null, state(health, "default"), health.toString());
        }
    }

    @Test
    void aBadValueStopsTheStartWithOneLineNamingTheVariable() throws Exception {
        Distribution.Exit exit = Distribution.runToExit("pi", work.resolve("configs"), work.resolve("data"),
                Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "Europe/Berlinn"), Distribution.freePort());
        assertEquals(2, exit.code(), exit.output());
        assertEquals("calendarbot: CALENDARBOT_DEFAULT_TIMEZONE: 'Europe/Berlinn' is not a time zone "
                + "(e.g. Europe/Berlin, America/New_York, UTC)\n", exit.output());
        assertFalse(Files.exists(work.resolve("data/felix-cache")), "the framework never started");
    }

    private static Map<String, Object> health(Distribution kiosk) throws Exception {
        return JsonReader.parseObject(Http.get(kiosk.baseUri().resolve("/api/health")).body());
    }

    private static String state(Map<String, Object> health, String source) {
        for (Object s : (List<?>) health.get("sources")) {
            if (source.equals(((Map<?, ?>) s).get("id"))) {
                return (String) ((Map<?, ?>) s).get("state");
            }
        }
        return null;
    }
}
