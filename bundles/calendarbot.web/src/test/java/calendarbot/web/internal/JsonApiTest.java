package calendarbot.web.internal;

import static calendarbot.web.internal.Fixtures.BOOKKEEPING;
import static calendarbot.web.internal.Fixtures.NOW;
import static calendarbot.web.internal.Fixtures.meeting;
import static calendarbot.web.internal.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.ServletExchange;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.RefreshPhases;
import calendarbot.api.model.SourceStatus;
import calendarbot.json.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonApiTest {

    /** What ServletExchange.json reads answers with: the bundle's own JSON codec. */
    static final Function<String, Map<String, Object>> JSON = JsonReader::parseObject;

    static final Duration HOUR = Duration.ofHours(1);
    /** 08:00 in Los Angeles = 16:00 UTC. */
    static final Instant EIGHT_AM = Instant.parse("2026-11-24T16:00:00Z");

    final Occurrence standup = meeting("standup-uid", "Standup", EIGHT_AM, Duration.ofMinutes(30), null,
            "https://teams.example/join/1");
    final Fixtures.Api api = new Fixtures.Api(standup);

    @Test
    void whatsNextHasCalendarbotLitesShapeWithUtcZTimes() throws Exception {
        var res = ServletExchange.get("/api/whats-next").send(api.servlet);
        assertEquals(200, res.status);
        Map<String, Object> body = res.json(JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) body.get("meeting");
        assertEquals(standup.id(), m.get("meeting_id"));
        assertEquals("standup-uid_20261124T160000", m.get("meeting_id"));
        assertEquals("Standup", m.get("subject"));
        assertEquals("2026-11-24T16:00:00Z", m.get("start_iso"));
        assertEquals("2026-11-24T16:30:00Z", m.get("end_iso"));
        assertEquals(1800L, m.get("duration_seconds"));
        assertEquals(7200L, m.get("seconds_until_start"));
        assertEquals("Room Ada", m.get("location"));
        assertEquals(List.of(), m.get("attendees"));
        assertEquals(true, m.get("is_online_meeting"));
        assertEquals("https://teams.example/join/1", m.get("online_meeting_url"));
        assertEquals(false, m.get("all_day"));
        assertEquals("Work", m.get("raw_source"));
        assertEquals(Map.of("message", "Plenty of time", "is_urgent", false, "is_critical", false), body.get("status"));
        assertEquals("2026-11-24T14:00:00Z", body.get("now_iso"));
        assertEquals("America/Los_Angeles", body.get("timezone"));
        assertEquals("whatsnext", body.get("layout"));
        assertEquals(45L, body.get("heartbeat_seconds"));
        assertEquals(7L, body.get("generation"));
        assertEquals(120L, body.get("data_age_seconds"), "bookkeeping now minus the source's last success");
        assertNull(body.get("current"));
        assertEquals(List.of(), body.get("all_day_events"));
        assertEquals("no-cache", res.header("Cache-Control"));
        assertNotNull(res.header("ETag"));
    }

    @Test
    void dataAgeIsBookkeepingTimeSinceTheLastSuccessWhateverTheKiosksNow() throws Exception {
        api.now = NOW.plus(Duration.ofDays(400)); // a fixed kiosk time far from the refresher's stamps
        assertEquals(120L, ServletExchange.get("/api/whats-next").send(api.servlet).json(JSON).get("data_age_seconds"));
        api.time.advance(Duration.ofMinutes(15));
        assertEquals(1020L, ServletExchange.get("/api/whats-next").send(api.servlet).json(JSON)
                .get("data_age_seconds"));
        assertEquals(1020L, ((Map<?, ?>) ServletExchange.get("/api/health").send(api.servlet).json(JSON)
                .get("data_status"))
                .get("last_refresh_success_age_s"));
    }

    @Test
    void noMeetingIsANullMeetingWithTheNoMeetingsStatus() throws Exception {
        Fixtures.Api empty = new Fixtures.Api();
        empty.refresher.sources.clear();
        Map<String, Object> body = ServletExchange.get("/api/whats-next").send(empty.servlet).json(JSON);
        assertTrue(body.containsKey("meeting"));
        assertNull(body.get("meeting"));
        assertEquals("No meetings scheduled", ((Map<?, ?>) body.get("status")).get("message"));
        assertNull(body.get("data_age_seconds"));
    }

    @Test
    void theMeetingInProgressAndTodaysAllDayEventsAreReported() throws Exception {
        Occurrence running = meeting("arch", "Architecture", NOW.minusSeconds(600), HOUR);
        Occurrence holiday = Fixtures.allDay("holiday", "Thanksgiving week", LocalDate.of(2026, 11, 24),
                Fixtures.LOS_ANGELES);
        Fixtures.Api busy = new Fixtures.Api(running, holiday, standup);
        Map<String, Object> body = ServletExchange.get("/api/whats-next").send(busy.servlet).json(JSON);
        Map<?, ?> current = (Map<?, ?>) body.get("current");
        assertEquals("Architecture", current.get("subject"));
        assertEquals(3000L, current.get("seconds_until_end"));
        assertEquals(List.of(Map.of("meeting_id", holiday.id(), "subject", "Thanksgiving week", "date", "2026-11-24",
                "end_date", "2026-11-24", "location", "")), body.get("all_day_events"));
    }

    @Test
    void anUnchangedAnswerIsA304WithoutBody() throws Exception {
        var first = ServletExchange.get("/api/whats-next").send(api.servlet);
        String etag = first.header("ETag");
        var second = ServletExchange.get("/api/whats-next").header("If-None-Match", etag).send(api.servlet);
        assertEquals(304, second.status);
        assertEquals(0, second.bytes().length);
        assertEquals(etag, second.header("ETag"));

        api.now = NOW.plusSeconds(1);
        var changed = ServletExchange.get("/api/whats-next").header("If-None-Match", etag).send(api.servlet);
        assertEquals(200, changed.status);
        assertFalse(etag.equals(changed.header("ETag")));
    }

    @Test
    void pollingKiosksReadTheSourceStatesAtMostOnceASecondAndAgainForEveryNewSnapshot() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertEquals(200, ServletExchange.get("/api/whats-next").send(api.servlet).status);
        }
        // the refresher's states (and its locks) are not taken per request; a second may begin during the loop
        assertTrue(api.refresher.statusReads <= 2, api.refresher.statusReads + " reads");

        int before = api.refresher.statusReads;
        api.store.generation(8);
        ServletExchange.get("/api/whats-next").send(api.servlet);
        assertEquals(before + 1, api.refresher.statusReads, "a new snapshot comes with fresh source states");
    }

    @Test
    void largeAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        Occurrence[] many = new Occurrence[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = meeting("m" + i, "Meeting " + i, EIGHT_AM.plusSeconds(i * 3600L), HOUR);
        }
        Fixtures.Api busy = new Fixtures.Api(many);
        var plain = ServletExchange.get("/api/events").send(busy.servlet);
        var packed = ServletExchange.get("/api/events").header("Accept-Encoding", "gzip, deflate, br")
                .send(busy.servlet);
        assertNull(plain.header("Content-Encoding"));
        assertEquals("gzip", packed.header("Content-Encoding"));
        assertTrue(packed.bytes().length < plain.bytes().length / 2);
        assertEquals(plain.text(), packed.text());
        assertEquals("Accept-Encoding", packed.header("Vary"));
        // the gzip'd answer is another representation: another strong ETag, and it validates too
        assertFalse(plain.header("ETag").equals(packed.header("ETag")));
        assertEquals(304, ServletExchange.get("/api/events").header("Accept-Encoding", "gzip")
                .header("If-None-Match", packed.header("ETag")).send(busy.servlet).status);
        // small answers are not worth it
        assertNull(ServletExchange.get("/api/layouts").header("Accept-Encoding", "gzip").send(busy.servlet)
                .header("Content-Encoding"));
    }

    @Test
    void skipHidesTheMeetingAndUnskipBringsItBack() throws Exception {
        var res = ServletExchange.post("/api/skip", "{\"meeting_id\": \"" + standup.id() + "\"}").send(api.servlet);
        assertEquals(200, res.status);
        Map<String, Object> body = res.json(JSON);
        assertEquals(true, body.get("success"));
        assertEquals("2027-03-02T10:00:00Z", body.get("skipped_until"), "a day of bookkeeping time");
        assertNull(ServletExchange.get("/api/whats-next").send(api.servlet).json(JSON).get("meeting"));

        var unskip = ServletExchange.delete("/api/skip?meeting_id=" + standup.id()).send(api.servlet).json(JSON);
        assertEquals(true, unskip.get("unskipped"));
        assertNotNull(ServletExchange.get("/api/whats-next").send(api.servlet).json(JSON).get("meeting"));
    }

    @Test
    void unskipTakesTheIdFromAJsonBodyToo() throws Exception {
        api.skips.skip("a");
        var res = ServletExchange.delete("/api/skip").body("{\"meeting_id\":\"a\"}")
                .header("Content-Type", "application/json")
                .send(api.servlet).json(JSON);
        assertEquals(Map.of("success", true, "meeting_id", "a", "unskipped", true), res);
    }

    @Test
    void deleteWithoutIdAndClearSkipsClearEverything() throws Exception {
        api.skips.skip("a");
        api.skips.skip("b");
        assertEquals(Map.of("success", true, "cleared", true, "count", 2L),
                ServletExchange.delete("/api/skip").send(api.servlet).json(JSON));
        api.skips.skip("c");
        var cleared = ServletExchange.get("/api/clear_skips").send(api.servlet).json(JSON);
        assertEquals(true, cleared.get("cleared"));
        assertEquals(1L, cleared.get("count"));
        assertEquals("Cleared 1 skipped meetings", cleared.get("message"));
        assertTrue(api.skips.skipped().isEmpty());
    }

    @Test
    void aSkipWithoutAMeetingIdIsA400() throws Exception {
        var missing = ServletExchange.post("/api/skip", "{\"other\": 1}").send(api.servlet);
        assertEquals(400, missing.status);
        assertEquals("missing or invalid meeting_id", missing.json(JSON).get("error"));
        var notString = ServletExchange.post("/api/skip", "{\"meeting_id\": 42}").send(api.servlet);
        assertEquals(400, notString.status);
        var broken = ServletExchange.post("/api/skip", "{\"meeting_id\": ").send(api.servlet);
        assertEquals(400, broken.status);
        assertEquals("invalid json", broken.json(JSON).get("error"));
        assertEquals(400, ServletExchange.post("/api/skip", "").send(api.servlet).status);
        assertTrue(api.skips.skipped().isEmpty());
    }

    @Test
    void aMissingServiceIsA503WithAJsonError() throws Exception {
        api.kiosk.store = null;
        var res = ServletExchange.get("/api/whats-next").send(api.servlet);
        assertEquals(503, res.status);
        assertEquals("event store", res.json(JSON).get("missing"));
        api.kiosk.skips = null;
        assertEquals(503, ServletExchange.post("/api/skip", "{\"meeting_id\":\"x\"}").send(api.servlet).status);
    }

    @Test
    void anotherWebPageCannotChangeTheKiosksState() throws Exception {
        String skip = "{\"meeting_id\": \"" + standup.id() + "\"}";
        // a foreign page's simple request: text/plain body, its own Origin
        var textPlain = ServletExchange.post("/api/skip", skip).header("Content-Type", "text/plain")
                .header("Origin", "http://evil.example").header("Host", "kiosk.local:8080").send(api.servlet);
        assertEquals(403, textPlain.status);
        assertTrue(String.valueOf(textPlain.json(JSON).get("error")).contains("another origin"), textPlain.text());
        assertEquals(403, ServletExchange.post("/api/skip", skip).header("Origin", "http://evil.example")
                .header("Host", "kiosk.local:8080").send(api.servlet).status, "JSON from another origin too");
        assertEquals(403, ServletExchange.get("/api/clear_skips").header("Sec-Fetch-Site", "cross-site")
                .send(api.servlet).status,
                "an <img src> to clear_skips");
        assertEquals(403, ServletExchange.post("/api/refresh", "").header("Sec-Fetch-Site", "same-site")
                .send(api.servlet).status);
        assertEquals(403, ServletExchange.post("/api/skip", skip)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(api.servlet).status, "a form body, whoever sends it");
        assertTrue(api.skips.skipped().isEmpty());
        assertEquals(List.of(), api.refresher.refreshed);

        // the kiosk's own page, a script on the same machine, curl
        assertEquals(200, ServletExchange.post("/api/skip", skip).header("Origin", "http://kiosk.local:8080")
                .header("Host", "kiosk.local:8080").header("Sec-Fetch-Site", "same-origin").send(api.servlet).status);
        assertEquals(200, ServletExchange.get("/api/clear_skips").send(api.servlet).status);
        assertEquals(202, ServletExchange.post("/api/refresh", "").header("Origin", "http://localhost")
                .header("Host", "localhost:80").send(api.servlet).status);
        assertEquals(200, ServletExchange.get("/api/whats-next").header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site").send(api.servlet).status, "reading is not refused");
    }

    @Test
    void originsAreComparedByHostAndPort() {
        assertTrue(SameOrigin.sameHost("http://kiosk.local:8080", "kiosk.local:8080"));
        assertTrue(SameOrigin.sameHost("https://Kiosk.Example", "kiosk.example:443"));
        assertTrue(SameOrigin.sameHost("http://[::1]:8080", "[::1]:8080"));
        assertFalse(SameOrigin.sameHost("http://kiosk.local:8081", "kiosk.local:8080"));
        assertFalse(SameOrigin.sameHost("http://kiosk.local.evil.example", "kiosk.local"));
        assertFalse(SameOrigin.sameHost("null", "kiosk.local"));
        assertFalse(SameOrigin.sameHost("http://kiosk.local", null));
        assertFalse(SameOrigin.sameHost("not a url", "kiosk.local"));
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        var notFound = ServletExchange.get("/api/nothing-here").send(api.servlet);
        assertEquals(404, notFound.status);
        assertNotNull(notFound.json(JSON).get("error"));
        var wrong = ServletExchange.get("/api/skip").send(api.servlet);
        assertEquals(405, wrong.status);
        assertEquals("DELETE, POST", wrong.header("Allow"));
    }

    @Test
    void healthIsOkWhenEverySourceDelivered() throws Exception {
        var res = ServletExchange.get("/api/health").send(api.servlet);
        assertEquals(200, res.status);
        Map<String, Object> body = res.json(JSON);
        assertEquals("ok", body.get("status"));
        List<?> sources = (List<?>) body.get("sources");
        Map<?, ?> work = (Map<?, ?>) sources.get(0);
        assertEquals("work", work.get("id"));
        assertEquals("OK", work.get("state"));
        assertEquals("2027-03-01T09:58:00Z", work.get("last_success_iso"));
        assertEquals(120L, ((Map<?, ?>) body.get("data_status")).get("last_refresh_success_age_s"));
        assertEquals(3600L, body.get("uptime_seconds"));
        assertEquals("2026-11-24T14:00:00Z", body.get("server_time_iso"), "the kiosk's now");
        assertEquals(1L, body.get("event_count"));
        assertTrue(((Map<?, ?>) body.get("memory")).get("heap_used_bytes") instanceof Long);
        assertNull(body.get("last_browser_heartbeat_iso"));
    }

    @Test
    void oneFailingFeedAmongWorkingOnesIsAWarningNotA503() throws Exception {
        api.refresher.sources.add(source("home", "Home", SourceStatus.State.FAILING, BOOKKEEPING.minusSeconds(9000),
                "HTTP 401: check the calendar URL"));
        var res = ServletExchange.get("/api/health").send(api.servlet);
        assertEquals(200, res.status, "a restart would not mend a wrong URL: the watchdog must leave the kiosk be");
        Map<String, Object> body = res.json(JSON);
        assertEquals("ok", body.get("status"));
        assertEquals(List.of(), body.get("problems"));
        assertEquals(List.of("Home: failing: HTTP 401: check the calendar URL"), body.get("warnings"));
        Map<?, ?> home = (Map<?, ?>) ((List<?>) body.get("sources")).get(1);
        assertEquals("Home: failing: HTTP 401: check the calendar URL", home.get("warning"));
        assertEquals(120L, JsonReader.at(body, "last_refresh", "last_success_delta_s"), "calendarbot_lite's field");
    }

    @Test
    void aFeedShownInAGuessedTimeZoneIsAWarningNamingTheZone() throws Exception {
        api.refresher.sources.add(new SourceStatus("team", "Team", null, SourceStatus.State.OK, BOOKKEEPING,
                BOOKKEEPING, null, 3, 900, 0, BOOKKEEPING.plusSeconds(300), null, null,
                List.of("unknown time zone 'Nowhere': its times are shown in Europe/Berlin")));
        var res = ServletExchange.get("/api/health").send(api.servlet);
        assertEquals(200, res.status, "the events are on the wall; someone should look, no watchdog should act");
        Map<String, Object> body = res.json(JSON);
        assertTrue(((List<?>) body.get("warnings"))
                .contains("Team: unknown time zone 'Nowhere': its times are shown in Europe/Berlin"), body.toString());
        Map<?, ?> team = (Map<?, ?>) ((List<?>) body.get("sources")).stream()
                .filter(s -> "team".equals(((Map<?, ?>) s).get("id"))).findFirst().orElseThrow();
        assertEquals(List.of("unknown time zone 'Nowhere': its times are shown in Europe/Berlin"), team.get("warnings"));
    }

    @Test
    void noSuccessfulRefreshForFifteenMinutesIsA503() throws Exception {
        api.refresher.sources.clear();
        api.refresher.sources.add(source("work", "Work", SourceStatus.State.FAILING, BOOKKEEPING.minusSeconds(14 * 60),
                "connection refused"));
        api.ops.processStart = BOOKKEEPING.minus(Duration.ofHours(3));
        assertEquals(200, ServletExchange.get("/api/health").send(api.servlet)
                .status, "14 minutes: still fresh enough");
        api.time.advance(Duration.ofMinutes(2));
        var res = ServletExchange.get("/api/health").send(api.servlet);
        assertEquals(503, res.status);
        assertEquals(List.of("no calendar has refreshed for 16 min; the wall may show old meetings"),
                res.json(JSON).get("problems"));
        assertEquals(List.of("Work: failing: connection refused"), res.json(JSON).get("warnings"));

        api.ops.processStart = BOOKKEEPING.minus(Duration.ofMinutes(5));
        assertEquals(200, ServletExchange.get("/api/health").send(api.servlet).status,
                "a kiosk restarted with yesterday's archive gets its 15 minutes to reach the feed");

        api.ops.processStart = BOOKKEEPING.minus(Duration.ofHours(3));
        api.ops.configure(ConfigProxy.of(OperationsServlet.Config.class, Map.of("staleAfterMinutes", 60)));
        assertEquals(200, ServletExchange.get("/api/health").send(api.servlet)
                .status, "configurable: calendarbot.health");
    }

    @Test
    void healthIsDegradedWhileNoSourceHasData() throws Exception {
        api.refresher.sources.clear();
        api.refresher.sources.add(new SourceStatus("work", "Work", null, SourceStatus.State.PENDING, null, null,
                null, 0, 0, 0, null));
        assertEquals(503, ServletExchange.get("/api/health").send(api.servlet).status);
        api.refresher.sources.clear();
        assertEquals(200, ServletExchange.get("/api/health").send(api.servlet)
                .status, "no source configured is not a fault");
        api.ops.refresher = null;
        var noRefresher = ServletExchange.get("/api/health").send(api.servlet);
        assertEquals(503, noRefresher.status);
        assertEquals(List.of("the refresher is not running"), noRefresher.json(JSON).get("problems"));
    }

    @Test
    void theBrowserHeartbeatIsRecordedAndShownInHealth() throws Exception {
        var res = ServletExchange.post("/api/browser-heartbeat", "{}").header("User-Agent", "Chromium kiosk")
                .send(api.servlet);
        assertEquals(Map.of("status", "ok", "timestamp", "2027-03-01T10:00:00Z"), res.json(JSON));
        Map<String, Object> health = ServletExchange.get("/api/health").send(api.servlet).json(JSON);
        assertEquals("2027-03-01T10:00:00Z", health.get("last_browser_heartbeat_iso"), "bookkeeping time");
        assertEquals("Chromium kiosk", health.get("last_browser_user_agent"));
        assertEquals(true, ((Map<?, ?>) health.get("display_probe")).get("last_probe_ok"));
    }

    @Test
    void eventsDefaultToTheNextSevenDays() throws Exception {
        Occurrence inSixDays = meeting("six", "Six days on", NOW.plus(Duration.ofDays(6)), HOUR);
        Occurrence inEightDays = meeting("eight", "Eight days on", NOW.plus(Duration.ofDays(8)), HOUR);
        Fixtures.Api week = new Fixtures.Api(standup, inSixDays, inEightDays);
        Map<String, Object> body = ServletExchange.get("/api/events").send(week.servlet).json(JSON);
        assertEquals(List.of("standup-uid", "six"), uids(body));
        assertEquals("2026-11-24T14:00:00Z", body.get("from_iso"));
        assertEquals("2026-12-01T14:00:00Z", body.get("to_iso"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) body.get("events")).get(0);
        assertEquals("Work", first.get("source_name"));
        assertEquals("#3b82f6", first.get("colour"));
        assertEquals("CONFIRMED", first.get("status"));
        assertEquals(false, first.get("is_free"));
        assertNull(first.get("date"));
    }

    @Test
    void eventsTakeDatesInTheKioskZoneAndInstants() throws Exception {
        Occurrence tomorrow = meeting("tomorrow", "Tomorrow", EIGHT_AM.plus(Duration.ofDays(1)), HOUR);
        Occurrence holiday = Fixtures.allDay("holiday", "Holiday", LocalDate.of(2026, 11, 25), Fixtures.LOS_ANGELES);
        Fixtures.Api two = new Fixtures.Api(standup, tomorrow, holiday);
        assertEquals(List.of("holiday", "tomorrow"),
                uids(ServletExchange.get("/api/events?from=2026-11-25&to=2026-11-25").send(two.servlet).json(JSON)));
        Map<String, Object> body = ServletExchange.get("/api/events?from=2026-11-24T15:00:00Z&to=2026-11-24T17:00:00Z")
                .send(two.servlet).json(JSON);
        assertEquals(List.of("standup-uid"), uids(body));
        Map<?, ?> h = (Map<?, ?>) ((List<?>) ServletExchange.get("/api/events?from=2026-11-25&to=2026-11-26")
                .send(two.servlet).json(JSON).get("events")).get(0);
        assertEquals(true, h.get("all_day"));
        assertEquals("2026-11-25", h.get("date"));
    }

    @Test
    void aBadOrHugeEventsRangeIsA400() throws Exception {
        assertEquals(400, ServletExchange.get("/api/events?from=yesterday").send(api.servlet).status);
        assertEquals(400, ServletExchange.get("/api/events?from=2026-11-25&to=2026-11-24").send(api.servlet).status);
        assertEquals(400, ServletExchange.get("/api/events?from=2026-01-01&to=2026-12-31").send(api.servlet).status);
    }

    @Test
    void doneForDayGivesTheEndOfTodaysLastMeeting() throws Exception {
        Occurrence review = meeting("review", "Review", EIGHT_AM.plus(Duration.ofHours(8)), Duration.ofMinutes(45));
        Occurrence tomorrow = meeting("tomorrow", "Tomorrow", EIGHT_AM.plus(Duration.ofDays(1)), HOUR);
        Fixtures.Api day = new Fixtures.Api(standup, review, tomorrow);
        Map<String, Object> body = ServletExchange.get("/api/done-for-day?tz=America/Los_Angeles").send(day.servlet)
                .json(JSON);
        assertEquals(true, body.get("has_meetings_today"));
        assertEquals(2L, body.get("meeting_count"));
        assertEquals("2026-11-25T00:45:00Z", body.get("last_meeting_end_iso"));
        assertEquals("2026-11-24T16:45:00-08:00", body.get("last_meeting_end_local_iso"));
        assertEquals("America/Los_Angeles", body.get("tz"));
        assertEquals("Your last meeting today ends at 4:45 PM.", body.get("speech_text"));
    }

    @Test
    void doneForDayRejectsAnUnknownZone() throws Exception {
        var res = ServletExchange.get("/api/done-for-day?tz=Mars/Base").send(api.servlet);
        assertEquals(400, res.status);
        assertTrue(((String) res.json(JSON).get("error")).contains("tz"));
    }

    @Test
    void morningSummaryDescribesTomorrowMorning() throws Exception {
        Instant tomorrowSevenAm = Instant.parse("2026-11-25T15:00:00Z");
        Fixtures.Api morning = new Fixtures.Api(
                meeting("early", "Early sync", tomorrowSevenAm, Duration.ofMinutes(30)),
                meeting("focus", "Focus time", tomorrowSevenAm.plus(Duration.ofMinutes(30)), HOUR),
                meeting("late", "Planning review", tomorrowSevenAm.plus(Duration.ofHours(3)), HOUR));
        var res = ServletExchange.post("/api/morning-summary", "").send(morning.servlet);
        assertEquals(200, res.status);
        Map<?, ?> summary = (Map<?, ?>) res.json(JSON).get("summary");
        assertEquals("2026-11-25T06:00:00-08:00", summary.get("timeframe_start"));
        assertEquals("2026-11-25T12:00:00-08:00", summary.get("timeframe_end"));
        assertEquals(true, summary.get("early_start_flag"));
        assertEquals("light", summary.get("density"));
        // "Planning review" holds "planning" but not the skip keyword "planning time"; focus time does not count
        assertEquals(2.0, summary.get("total_meetings_equivalent"));
        assertEquals(2, ((List<?>) summary.get("meeting_insights")).size());
        // 90 minutes before 07:00, but not before 06:00
        assertEquals("2026-11-25T06:00:00-08:00", summary.get("wake_up_recommendation_time"));
        String speech = (String) summary.get("speech_text");
        assertTrue(speech.startsWith("Good evening. You start very early tomorrow at 7:00 AM."), speech);
        assertEquals(Map.of("preview_for", "tomorrow_morning",
                "generation_context", Map.of("delivery_time", "evening", "reference_day", "tomorrow")),
                summary.get("metadata"));
    }

    @Test
    void morningSummaryCountsAsTheVoiceDoes() throws Exception {
        // the kiosk's DayOverview decides for both: focus time before 08:00 is no early start, a gap of exactly
        // 15 minutes is back to back
        Instant tomorrowSevenAm = Instant.parse("2026-11-25T15:00:00Z");
        Fixtures.Api morning = new Fixtures.Api(
                meeting("focus", "Focus time", tomorrowSevenAm, HOUR),
                meeting("first", "Design review", tomorrowSevenAm.plus(Duration.ofHours(2)), HOUR),
                meeting("second", "Standup", tomorrowSevenAm.plus(Duration.ofMinutes(195)), Duration.ofMinutes(15)));
        Map<?, ?> summary = (Map<?, ?>) ServletExchange.post("/api/morning-summary", "").send(morning.servlet)
                .json(JSON)
                .get("summary");
        assertEquals(false, summary.get("early_start_flag"));
        assertFalse(summary.containsKey("wake_up_recommendation_time"));
        assertEquals(1L, summary.get("back_to_back_count"));
        assertTrue(((String) summary.get("speech_text")).contains("Your first meeting is Design review at 9:00 AM."),
                (String) summary.get("speech_text"));
    }

    @Test
    void morningSummaryOfAFreeMorning() throws Exception {
        Fixtures.Api free = new Fixtures.Api();
        Map<?, ?> summary = (Map<?, ?>) ServletExchange
                .post("/api/morning-summary?timezone=Europe/London&date=2026-12-01", "")
                .send(free.servlet).json(JSON).get("summary");
        assertEquals("2026-12-01T06:00:00Z", summary.get("timeframe_start"));
        List<?> blocks = (List<?>) summary.get("free_blocks");
        assertEquals(360L, ((Map<?, ?>) blocks.get(0)).get("duration_minutes"));
        assertTrue(((String) summary.get("speech_text")).contains("completely free morning Tuesday"));
        assertEquals(400, ServletExchange.post("/api/morning-summary", "{\"timezone\": \"Nowhere/Land\"}")
                .send(free.servlet).status);
    }

    @Test
    void layoutsAreListedWithTheEffectiveOneAsDefault() throws Exception {
        api.layouts.addLayout(new Fixtures.MemoryLayout("whatsnext", "index.html", "<p>next</p>"));
        api.layouts.addLayout(new Fixtures.MemoryLayout("week", "index.html", "<p>week</p>"));
        api.settings.layout = "week";
        Map<String, Object> body = ServletExchange.get("/api/layouts").send(api.servlet).json(JSON);
        assertEquals("week", body.get("configured"));
        assertEquals(List.of(
                Map.of("name", "week", "title", "Week", "description", "The week layout", "default", true,
                        "url", "/?layout=week"),
                Map.of("name", "whatsnext", "title", "Whatsnext", "description", "The whatsnext layout",
                        "default", false, "url", "/?layout=whatsnext")), body.get("layouts"));

        api.settings.layout = "removed-one";
        body = ServletExchange.get("/api/layouts").send(api.servlet).json(JSON);
        assertEquals("removed-one", body.get("configured"));
        assertEquals("whatsnext", body.get("effective"));
        assertEquals(true, ((Map<?, ?>) ((List<?>) body.get("layouts")).get(1)).get("default"));
    }

    @Test
    void refreshAsksTheRefresher() throws Exception {
        assertEquals(202, ServletExchange.post("/api/refresh?source=work", "").send(api.servlet).status);
        assertEquals(202, ServletExchange.post("/api/refresh", "").send(api.servlet).status);
        assertEquals(List.of("work", "null"), api.refresher.refreshed);
        assertEquals(404, ServletExchange.post("/api/refresh?source=nope", "").send(api.servlet).status);
        api.ops.refresher = null;
        assertEquals(503, ServletExchange.post("/api/refresh", "").send(api.servlet).status);
    }

    @Test
    void metricsCountRequestsAndShowSources() throws Exception {
        ServletExchange.get("/api/whats-next").send(api.servlet);
        ServletExchange.get("/api/whats-next").send(api.servlet);
        ServletExchange.get("/api/nothing").send(api.servlet);
        var res = ServletExchange.get("/metrics").send(api.servlet);
        res.assertContentType("text/plain; version=0.0.4");
        String text = res.text();
        assertTrue(text.contains("calendarbot_http_requests_total{endpoint=\"whats_next\",code=\"2xx\"} 2\n"), text);
        assertTrue(text.contains("calendarbot_http_requests_total{endpoint=\"not_found\",code=\"4xx\"} 1\n"), text);
        assertTrue(text.contains("calendarbot_http_request_duration_seconds_count{endpoint=\"whats_next\"} 2\n"), text);
        assertTrue(text.contains("calendarbot_http_request_duration_seconds_bucket{endpoint=\"whats_next\",le=\"+Inf\"} 2\n"));
        assertTrue(text.contains("calendarbot_refresh_events{source=\"work\"} 12\n"), text);
        assertTrue(text.contains("calendarbot_refresh_state{source=\"work\",state=\"OK\"} 1\n"), text);
        assertTrue(text.contains("calendarbot_refresh_last_success_timestamp_seconds{source=\"work\"} "
                + Fixtures.BOOKKEEPING.minusSeconds(120).getEpochSecond() + "\n"), text);
        assertTrue(text.contains("# TYPE calendarbot_jvm_heap_used_bytes gauge\n"), text);
        assertTrue(text.contains("# TYPE calendarbot_jvm_gc_collections_total counter\n"), text);
        assertTrue(text.matches("(?s).*\ncalendarbot_jvm_gc_seconds_total\\{collector=\"[^\"]+\"\\} [0-9.E]+\n.*"), text);
    }

    @Test
    void metricsShowTheLastRefreshsPhasesSoNothingParsesLogText() throws Exception {
        api.refresher.sources.clear();
        api.refresher.sources.add(new SourceStatus("work", "Work", null, SourceStatus.State.OK, BOOKKEEPING,
                BOOKKEEPING, null, 12, 4096, 0, BOOKKEEPING.plusSeconds(300), null, new RefreshPhases(512, 8, 40, 3), List.of()));
        String text = ServletExchange.get("/metrics").send(api.servlet).text();
        String phase = "calendarbot_refresh_phase_seconds{source=\"work\",phase=";
        assertTrue(text.contains(phase + "\"fetch_parse\"} 0.512\n"), text);
        assertTrue(text.contains(phase + "\"store\"} 0.003\n"), text);
        assertTrue(text.contains("calendarbot_refresh_duration_seconds{source=\"work\"} 0.563\n"), text);
    }

    @Test
    void healthSaysWhetherTheRefreshSchedulerIsAtWork() throws Exception {
        api.refresher.sources.clear();
        api.refresher.sources.add(new SourceStatus("work", "Work", null, SourceStatus.State.OK, BOOKKEEPING,
                BOOKKEEPING, null, 12, 4096, 0, BOOKKEEPING.plusSeconds(300)));
        api.refresher.sources.add(new SourceStatus("home", "Home", null, SourceStatus.State.OK, BOOKKEEPING,
                BOOKKEEPING, null, 12, 4096, 0, null, BOOKKEEPING, null, List.of()));
        assertEquals(Map.of("alive", true, "stuck", List.of()), health().get("refresh_scheduler"));
        api.time.advance(Duration.ofMinutes(8));
        assertEquals(Map.of("alive", false, "stuck", List.of("work: the fetch due 3 min ago has not started")),
                health().get("refresh_scheduler"), "the timer did not fire");
        api.time.advance(Duration.ofMinutes(10));
        assertEquals(List.of("work: the fetch due 13 min ago has not started",
                "home: a refresh started 18 min ago has not finished"),
                JsonReader.at(health(), "refresh_scheduler", "stuck"), "and a worker is wedged");
        api.ops.refresher = null;
        assertEquals(Map.of("alive", false, "stuck", List.of("the refresher is not running")),
                health().get("refresh_scheduler"));
    }

    private Map<String, Object> health() throws Exception {
        return ServletExchange.get("/api/health").send(api.servlet).json(JSON);
    }

    @Test
    void pathsArePercentDecoded() {
        assertEquals("/layouts/week/a b.css", JsonApiServlet.percentDecode("/layouts/week/a%20b.css"));
        assertEquals("/caf\u00e9", JsonApiServlet.percentDecode("/caf%C3%A9"));
        assertEquals("/100%", JsonApiServlet.percentDecode("/100%"));
    }

    private static List<String> uids(Map<String, Object> body) {
        return ((List<?>) body.get("events")).stream().map(e -> (String) ((Map<?, ?>) e).get("uid")).toList();
    }
}
