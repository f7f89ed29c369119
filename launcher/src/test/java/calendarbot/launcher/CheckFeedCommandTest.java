package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check-feed on small feeds, through the server's own fetcher, parser, expander and selection. */
class CheckFeedCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckFeedCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String feed(String name) throws URISyntaxException {
        return Path.of(CheckFeedCommandTest.class.getResource("/feeds/" + name).toURI()).toString();
    }

    @Test
    void jsonlListsEveryOccurrenceWithExdateMovedAndCancelledInstances() throws Exception {
        assertEquals(0, run(feed("moved-cancelled-and-excluded-weekly.ics"), "--from", "2026-11-01", "--to",
                "2026-12-01", "--tz", "America/Los_Angeles", "--format", "jsonl"), err.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "{\"uid\":\"weekly-1\",\"recurrence_id\":\"2026-11-02T17:00:00Z\",\"start\":\"2026-11-02T17:00:00Z\","
                        + "\"end\":\"2026-11-02T17:30:00Z\",\"all_day\":false,\"summary\":\"Weekly sync\","
                        + "\"location\":null,\"status\":null,\"transp\":null}",
                "{\"uid\":\"weekly-1\",\"recurrence_id\":\"2026-11-16T17:00:00Z\",\"start\":\"2026-11-16T17:00:00Z\","
                        + "\"end\":\"2026-11-16T17:30:00Z\",\"all_day\":false,\"summary\":\"Weekly sync\","
                        + "\"location\":null,\"status\":\"CANCELLED\",\"transp\":null}",
                "{\"uid\":\"focus-1\",\"recurrence_id\":null,\"start\":\"2026-11-23T19:00:00Z\","
                        + "\"end\":\"2026-11-23T20:00:00Z\",\"all_day\":false,\"summary\":\"Focus time\","
                        + "\"location\":null,\"status\":null,\"transp\":null}",
                "{\"uid\":\"weekly-1\",\"recurrence_id\":\"2026-11-23T17:00:00Z\",\"start\":\"2026-11-23T22:00:00Z\","
                        + "\"end\":\"2026-11-23T22:30:00Z\",\"all_day\":false,\"summary\":\"Weekly sync (moved)\","
                        + "\"location\":null,\"status\":null,\"transp\":null}",
                "{\"uid\":\"holiday-1\",\"recurrence_id\":null,\"start\":\"2026-11-26\",\"end\":\"2026-11-27\","
                        + "\"all_day\":true,\"summary\":\"Thanksgiving\",\"location\":null,\"status\":null,"
                        + "\"transp\":\"TRANSPARENT\"}",
                "{\"uid\":\"weekly-1\",\"recurrence_id\":\"2026-11-30T17:00:00Z\",\"start\":\"2026-11-30T17:00:00Z\","
                        + "\"end\":\"2026-11-30T17:30:00Z\",\"all_day\":false,\"summary\":\"Weekly sync\","
                        + "\"location\":null,\"status\":null,\"transp\":null}"), lines);
    }

    @Test
    void jsonWithNowIsWhatTheKioskWouldAnswer() throws Exception {
        // 18:30Z on the 23rd: the focus block (19:00Z) is skipped, the moved sync at 22:00Z is next.
        assertEquals(0, run(feed("moved-cancelled-and-excluded-weekly.ics"), "--now", "2026-11-23T18:30:00Z",
                "--tz", "America/Los_Angeles", "--format", "json"), err.toString());
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"meeting\":{\"meeting_id\":\"weekly-1_20261123T170000\""), json);
        assertTrue(json.contains("\"subject\":\"Weekly sync (moved)\""), json);
        assertTrue(json.contains("\"start_iso\":\"2026-11-23T22:00:00Z\""), json);
        assertTrue(json.contains("\"seconds_until_start\":12600"), json);
        assertTrue(json.contains("\"message\":\"Plenty of time\""), json);
    }

    @Test
    void textDiagnosisNamesZonesErrorsAndWhyAMeetingIsNotShown() throws Exception {
        assertEquals(0, run(feed("moved-cancelled-and-excluded-weekly.ics"), "--now", "2026-11-23T18:30:00Z",
                "--tz", "America/Los_Angeles"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Events:      5 (1 recurring masters, 2 overrides, 2 single)"), text);
        assertTrue(text.contains("Skipped:     1 malformed"), text);
        assertTrue(text.contains("\"Pacific Standard Time\"") && text.contains("America/Los_Angeles"), text);
        assertTrue(text.contains("Next:      \"Weekly sync (moved)\""), text);
        assertTrue(text.contains("Not shown: \"Focus time\""), text);
    }

    @Test
    void aLoginPageIsNotACalendar() throws Exception {
        assertEquals(1, run(feed("login-page.html")));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("check-feed: not a calendar: ") && message.lines().count() == 1, message);
    }

    @Test
    void badOptionsAreExplained() {
        assertEquals(2, run("x.ics", "--format", "yaml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format is text, json or jsonl"));
    }
}
