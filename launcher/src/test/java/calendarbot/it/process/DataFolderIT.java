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

/** A start never depends on a writable disk: the pi kiosk with a data folder it cannot create serves from memory. */
class DataFolderIT {

    @TempDir
    Path work;

    @Test
    void aDataFolderThatCannotBeWrittenIsAWarningAndTheWallStillShowsItsCalendar() throws Exception {
        // a file where the data folder's parent should be: nothing under it can be created, whoever runs the test
        Path blocker = Files.writeString(work.resolve("not-a-folder"), "a file");
        try (Distribution kiosk = Distribution.start("pi", work.resolve("configs"), blocker.resolve("data"),
                Map.of())) {
            Map<String, Object> health = Poll.until("the demo calendar in /api/health",
                    () -> JsonReader.parseObject(Http.get(kiosk.baseUri().resolve("/api/health")).body()),
                    h -> ((Number) JsonReader.at(h, "event_count")).longValue() > 0);
            assertEquals("ok", health.get("status"), "the wall is right: " + health);
            assertTrue(String.valueOf(health.get("warnings")).contains("not writable"), health.toString());
            Http.Response next = Http.get(kiosk.baseUri().resolve("/api/whats-next"));
            assertEquals(200, next.status());
            assertTrue(next.body().contains("\"subject\""), next.body());
            assertTrue(kiosk.log().contains("cannot be created"), kiosk.log());
        }
    }
}
