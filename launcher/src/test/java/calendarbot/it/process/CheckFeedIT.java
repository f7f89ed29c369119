package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-feed as a user runs it, {@code bin/calendarbot check-feed} of the full distribution: the kiosk's own
 * services in a framework of their own, with the profile's configuration and the user's folder.
 */
class CheckFeedIT {

    @TempDir
    Path work;

    /** What the process printed and how it ended. */
    record Run(int exit, String out, String err) {
    }

    private Run checkFeed(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Distribution.home("full").resolve("bin/calendarbot").toString(),
                "check-feed"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data", work.resolve("data").toString(), "--config", work.resolve("config").toString()));
        Files.createDirectories(work.resolve("config"));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("check-feed did not finish within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String feed(String name) throws URISyntaxException {
        return Path.of(CheckFeedIT.class.getResource("/feeds/" + name).toURI()).toString();
    }

    @Test
    void jsonlListsEveryOccurrenceWithExdateMovedAndCancelledInstances() throws Exception {
        Run run = checkFeed(Map.of(), feed("moved-cancelled-and-excluded-weekly.ics"), "--from", "2026-11-01", "--to",
                "2026-12-01", "--tz", "America/Los_Angeles", "--format", "jsonl");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
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
    void jsonWithNowNamesTheNextMeetingAndWhyOthersAreNotShown() throws Exception {
        // 18:30Z on the 23rd: the focus block (19:00Z) is skipped, the moved sync at 22:00Z is next.
        Run run = checkFeed(Map.of(), feed("moved-cancelled-and-excluded-weekly.ics"), "--now",
                "2026-11-23T18:30:00Z", "--tz", "America/Los_Angeles", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, Object> json = JsonReader.parseObject(run.out());
        assertEquals("weekly-1_20261123T170000", JsonReader.at(json, "meeting", "meeting_id"));
        assertEquals("Weekly sync (moved)", JsonReader.at(json, "meeting", "subject"));
        assertEquals("2026-11-23T22:00:00Z", JsonReader.at(json, "meeting", "start_iso"));
        assertEquals(12600L, JsonReader.at(json, "meeting", "seconds_until_start"));
        assertEquals("Plenty of time", JsonReader.at(json, "status", "message"));
        assertEquals("Focus time", JsonReader.at(json, "not_shown", 0, "subject"));
        assertTrue(String.valueOf(JsonReader.at(json, "not_shown", 0, "why")).contains("skip keyword \"focus"), run.out());
        assertEquals(1L, json.get("skipped"));
        assertEquals("dtstart-missing", JsonReader.at(json, "errors", 0, "rule"));
        assertEquals(41L, JsonReader.at(json, "errors", 0, "line"));
        assertEquals(Boolean.TRUE, JsonReader.at(json, "errors", 0, "dropped"));
        assertEquals(1L, JsonReader.at(json, "rules", "dtstart-missing"));
        assertEquals("builtin", json.get("parser"));
    }

    @Test
    void textDiagnosisNamesZonesErrorsAndWhyAMeetingIsNotShown() throws Exception {
        Run run = checkFeed(Map.of(), feed("moved-cancelled-and-excluded-weekly.ics"), "--now",
                "2026-11-23T18:30:00Z", "--tz", "America/Los_Angeles");
        assertEquals(0, run.exit(), run.err());
        String text = run.out();
        assertTrue(text.contains("Events:      5 (1 recurring masters, 2 overrides, 2 single)"), text);
        assertTrue(text.contains("Dropped:     1 malformed"), text);
        // each dropped or salvaged component with its line and the salvage rule applied
        assertTrue(text.contains("  line 41      dropped  dtstart-missing        VEVENT 'No start': no DTSTART"), text);
        assertTrue(text.contains("\"Pacific Standard Time\"") && text.contains("America/Los_Angeles"), text);
        assertTrue(text.contains("Next:      \"Weekly sync (moved)\""), text);
        assertTrue(text.contains("Not shown: \"Focus time\""), text);
    }

    @Test
    void theAnswerIsTheKiosksOwnItsZoneKeywordsAndTestTime() throws Exception {
        // The user's folder, as the server reads it: another zone and other skip keywords; the test time as "now".
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/calendarbot.kiosk.cfg"),
                "timeZone = America/Los_Angeles\nskipKeywords = weekly\n", StandardCharsets.UTF_8);
        Run run = checkFeed(Map.of("CALENDARBOT_TEST_TIME", "2026-11-23T18:30:00Z"),
                feed("moved-cancelled-and-excluded-weekly.ics"));
        assertEquals(0, run.exit(), run.err());
        String text = run.out();
        assertTrue(text.contains("At 2026-11-23T18:30:00Z (Mon 23 Nov 10:30 America/Los_Angeles)"), text);
        assertTrue(text.contains("Next:      \"Focus time\""), "focus is no skip keyword here, weekly is: " + text);
    }

    @Test
    void theKiosksZoneSettingDecidesTheLocalDaysOfTheReport() throws Exception {
        // 18:30Z on Monday 23 November: Tuesday morning in Tokyo, Monday afternoon in New York. The user's file says
        // Los Angeles; a variable wins over it, as on the server.
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/calendarbot.kiosk.cfg"), "timeZone = America/Los_Angeles\n",
                StandardCharsets.UTF_8);
        Run tokyo = checkFeed(Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "Asia/Tokyo"),
                feed("moved-cancelled-and-excluded-weekly.ics"), "--now", "2026-11-23T18:30:00Z");
        assertEquals(0, tokyo.exit(), tokyo.err());
        assertTrue(tokyo.out().contains("At 2026-11-23T18:30:00Z (Tue 24 Nov 03:30 Asia/Tokyo)"), tokyo.out());
        assertTrue(tokyo.out().contains("Next:      \"Weekly sync (moved)\" Tue 24 Nov 07:00-07:30"), tokyo.out());
        assertEquals("", tokyo.err(), "no log line from the settings on check-feed's output");

        // the same setting from the kiosk's .env file in its configuration folder
        Files.writeString(work.resolve("config/.env"), "CALENDARBOT_DEFAULT_TIMEZONE=America/New_York\n");
        Run newYork = checkFeed(Map.of(), feed("moved-cancelled-and-excluded-weekly.ics"), "--now",
                "2026-11-23T18:30:00Z");
        assertEquals(0, newYork.exit(), newYork.err());
        assertTrue(newYork.out().contains("At 2026-11-23T18:30:00Z (Mon 23 Nov 13:30 America/New_York)"),
                newYork.out());
        assertTrue(newYork.out().contains("Next:      \"Weekly sync (moved)\" Mon 23 Nov 17:00-17:30"),
                newYork.out());
    }

    @Test
    void aBadZoneStopsCheckFeedWithTheServersOwnLine() throws Exception {
        Map<String, String> env = Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "Europe/Berlinn");
        Run run = checkFeed(env, feed("moved-cancelled-and-excluded-weekly.ics"));
        Distribution.Exit server = Distribution.runToExit("full", work.resolve("server-configs"),
                work.resolve("server-data"), env, Distribution.freePort());
        assertEquals(2, run.exit(), run.err());
        assertEquals("calendarbot: CALENDARBOT_DEFAULT_TIMEZONE: 'Europe/Berlinn' is not a time zone "
                + "(e.g. Europe/Berlin, America/New_York, UTC)\n", run.err());
        assertEquals(server.output(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void withoutAFeedEachConfiguredCalendarIsCheckedAndNoSecretIsShown() throws Exception {
        // one calendar from the variable, one that cannot be reached (its URL holds a user, a password and a token),
        // the profile's demo calendar switched off by the variable; no retries, so that the failure is quick
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/calendarbot.fetcher.cfg"), "maxRetries = 0\n");
        String unreachable = "http://bob:s3cret@127.0.0.1:" + Distribution.freePort() + "/team.ics?token=t0ken";
        Run run = checkFeed(Map.of("CALENDARBOT_ICS_URL", Path.of(feed("moved-cancelled-and-excluded-weekly.ics"))
                .toUri().toString(), "CALENDARBOT_ICS_URL_PRIVATE", unreachable, "CALENDARBOT_DEFAULT_TIMEZONE",
                "America/New_York"), "--now", "2026-11-23T18:30:00Z");
        assertEquals(1, run.exit(), "one calendar could not be fetched: " + run.out() + run.err());
        String text = run.out();
        String[] calendars = text.split("\n\n(?=Calendar \")");
        assertTrue(calendars[0].startsWith("Calendar \"default\" (default): file:/"), text);
        assertTrue(calendars[0].contains("Next:      \"Weekly sync (moved)\" Mon 23 Nov 17:00-17:30"), text);
        assertEquals("Calendar \"Demo\" (demo): demo:…\nNot checked: switched off (enabled = false)", calendars[1]);
        assertEquals(3, calendars.length, text);
        assertTrue(calendars[2].startsWith("Calendar \"private\" (private): http://127.0.0.1:"), text);
        assertTrue(calendars[2].contains("Failed:      fetch failed (NETWORK): private: cannot connect"), text);
        for (String secret : List.of("bob", "s3cret", "t0ken", "team.ics")) {
            assertTrue(!text.contains(secret) && !run.err().contains(secret), secret + " shown: " + text + run.err());
        }

        Run json = checkFeed(Map.of("CALENDARBOT_ICS_URL", Path.of(feed("moved-cancelled-and-excluded-weekly.ics"))
                .toUri().toString()), "--now", "2026-11-23T18:30:00Z", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        Map<String, Object> answer = JsonReader.parseObject(json.out());
        assertEquals("default", JsonReader.at(answer, "calendars", 0, "id"));
        assertEquals("Weekly sync (moved)", JsonReader.at(answer, "calendars", 0, "report", "meeting", "subject"));
        assertEquals("demo", JsonReader.at(answer, "calendars", 1, "id"));
        assertEquals(Boolean.FALSE, JsonReader.at(answer, "calendars", 1, "enabled"));
    }

    @Test
    void withoutAFeedOrACalendarSwitchedOnItSaysSo() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/calendarbot.source-demo.cfg"), "url = demo:calendar\nenabled = false\n");
        Run run = checkFeed(Map.of());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().startsWith("check-feed: no calendar to check: every configured one is switched off; "
                + "set CALENDARBOT_ICS_URL or add a calendarbot.source-<name>.cfg"), run.err());
    }

    @Test
    void theParserSettingHandsTheFeedToIcal4jInTheFullProfile() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/calendarbot.parser.cfg"), "parser = ical4j\n", StandardCharsets.UTF_8);
        Run run = checkFeed(Map.of(), feed("moved-cancelled-and-excluded-weekly.ics"), "--now",
                "2026-11-23T18:30:00Z", "--tz", "America/Los_Angeles", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, Object> json = JsonReader.parseObject(run.out());
        assertEquals("ical4j", json.get("parser"));
        // the same answer as the builtin parser's: ical4j knows Windows zone names too
        assertEquals("weekly-1_20261123T170000", JsonReader.at(json, "meeting", "meeting_id"));
        assertEquals("dtstart-missing", JsonReader.at(json, "errors", 0, "rule"));
    }

    @Test
    void aLoginPageIsNotACalendar() throws Exception {
        Run run = checkFeed(Map.of(), feed("login-page.html"));
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("check-feed: not a calendar: ") && run.err().lines().count() == 1, run.err());
    }

    @Test
    void badOptionsAreExplained() throws Exception {
        Run run = checkFeed(Map.of(), "x.ics", "--format", "yaml");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--format is text, json or jsonl"), run.err());
    }
}
