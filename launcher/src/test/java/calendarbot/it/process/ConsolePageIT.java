package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web console's "CalendarBot" page of the full profile: calendars, refresh now, add a calendar, the wall. */
class ConsolePageIT {

    @TempDir
    Path work;

    @Test
    void theConsolePageShowsTheCalendarsAndTheWallAndAddsACalendarThatBecomesAFile() throws Exception {
        Path feed = work.resolve("team.ics");
        Files.copy(getClass().getResourceAsStream("/feeds/moved-cancelled-and-excluded-weekly.ics"), feed);
        Path configs = work.resolve("configs");
        try (Distribution kiosk = Distribution.start("full", configs, work.resolve("data"), Map.of())) {
            Path passwordFile = work.resolve("data/console-password");
            Poll.until("the generated console password", () -> Files.exists(passwordFile));
            String password = Files.readString(passwordFile).trim();
            URI page = kiosk.baseUri().resolve("/system/console/calendarbot");
            String html = Poll.until("the CalendarBot page with the demo calendar loaded",
                    () -> Http.get(page, "admin", password), r -> r.status() == 200 && r.body().contains("(demo)")
                            && r.body().contains(">OK<")).body();
            assertTrue(html.contains("What the wall shows now") && html.contains("data-source=\"demo\""), html);
            assertTrue(html.contains("/system/console/calendarbot/res/console.js"), html);
            assertTrue(html.contains("Next: <b>"), "the meeting the wall shows: " + html);
            Http.Response script = Http.get(kiosk.baseUri().resolve("/system/console/calendarbot/res/console.js"),
                    "admin", password);
            assertEquals(200, script.status());
            assertTrue(script.body().contains("\"Content-Type\": \"application/json\""));
            assertEquals(401, Http.get(page).status(), "the console's password protects it");

            assertEquals(403, Http.postForm(page, "action=refresh&source=demo", "admin", password).status(),
                    "state changes take JSON only");
            Http.Response refresh = Http.postJson(page, "{\"action\":\"refresh\",\"source\":\"demo\"}", "admin",
                    password);
            assertEquals(202, refresh.status(), refresh.body());
            Http.Response added = Http.postJson(page, "{\"action\":\"add\",\"name\":\"Team A\",\"url\":\""
                    + feed.toUri() + "\"}", "admin", password);
            assertEquals(201, added.status(), added.body());
            assertEquals(409, Http.postJson(page, "{\"action\":\"add\",\"name\":\"team a\",\"url\":\"" + feed.toUri()
                    + "\"}", "admin", password).status(), "the same name twice");
            assertEquals(400, Http.postJson(page, "{\"action\":\"add\",\"name\":\"x\",\"url\":\"example.com/a.ics\"}",
                    "admin", password).status());

            Poll.until("the new calendar in /api/health", () -> JsonReader.parseObject(
                    Http.get(kiosk.baseUri().resolve("/api/health")).body()).get("sources"),
                    s -> String.valueOf(s).contains("id=team-a") && String.valueOf(s).contains("state=OK"));
            Path file = configs.resolve("calendarbot.source-team_a.config");
            Poll.until(file + ", written for the added calendar", () -> Files.exists(file));
            assertTrue(Files.readString(file).contains("name=\"Team A\""), Files.readString(file));
            List<String> names = List.of(Http.get(page, "admin", password).body().split("\n"));
            assertTrue(names.stream().anyMatch(l -> l.contains("Team A <small>(team-a)</small>")), names.toString());
            // after a restart the file is the calendar, read by FileInstall as this same configuration: still one
            kiosk.stop();
            kiosk.start();
            List<?> sources = Poll.until("Team A back after the restart", () -> (List<?>) JsonReader.parseObject(
                    Http.get(kiosk.baseUri().resolve("/api/health")).body()).get("sources"),
                    s -> String.valueOf(s).contains("id=team-a") && String.valueOf(s).contains("state=OK"));
            assertEquals(1, sources.stream().filter(s -> String.valueOf(((Map<?, ?>) s).get("id")).startsWith("team"))
                    .count(), sources.toString());
        }
    }
}
