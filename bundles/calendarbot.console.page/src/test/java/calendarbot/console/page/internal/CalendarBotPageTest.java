package calendarbot.console.page.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.EventBuilder;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarBotPageTest {

    static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");

    @Test
    void aCalendarsNameIsItsFilesNameAndItsUrlIsCheckedWithoutBeingRepeated() {
        assertEquals("team_a", NewCalendar.configName("Team A"));
        assertEquals("buro_munchen", NewCalendar.configName("  Büro München! "));
        assertEquals("", NewCalendar.configName("???"));
        assertNull(NewCalendar.urlProblem("webcal://p01-caldav.icloud.com/published/2/secret"));
        String problem = NewCalendar.urlProblem("outlook.office365.com/owa/calendar/s3cr3t/calendar.ics");
        assertEquals("the calendar URL must start with https://, http://, webcal://, webcals:// or file:", problem);
        assertEquals("the calendar URL has no host name", NewCalendar.urlProblem("https:///calendar.ics"));
        assertEquals(503, new NewCalendar(null).add("Team", "https://example.com/a.ics").status());
    }

    @Test
    void thePageShowsEveryCalendarAndTheWallWithEveryTextEscaped() {
        SourceStatus work = new SourceStatus("work", "Work <b>", null, SourceStatus.State.FAILING, NOW, NOW,
                "HTTP 401 \"check\"", 12, 4096, 0, null);
        SourceStatus demo = new SourceStatus("demo", "Demo", null, SourceStatus.State.DISABLED, null, null, null, 0, 0,
                0, null);
        var standup = EventBuilder.meeting("standup", "Stand-up & <planning>", NOW.plusSeconds(600),
                Duration.ofMinutes(15)).occurrence("work");
        WhatsNext wall = new WhatsNext(standup, null, List.of(), new WhatsNext.Status("Starting soon", true, false),
                NOW.getEpochSecond());
        String html = PageHtml.render("/system/console/calendarbot", wall, List.of(work, demo), ZoneId.of("UTC"));
        assertTrue(html.contains("Next: <b>Stand-up &amp; &lt;planning&gt;</b> Tue 24 Nov 14:10 – 14:25. "), html);
        assertTrue(html.contains("Work &lt;b&gt; <small>(work)</small>"), html);
        assertTrue(html.contains("<td>HTTP 401 &quot;check&quot;</td>"), html);
        assertTrue(html.contains("data-source=\"work\">Refresh now</button>"), html);
        assertFalse(html.contains("data-source=\"demo\""), "a disabled calendar is not refreshed");
        assertFalse(html.contains("style=") || html.contains("<script>") || html.contains("onclick"),
                "no inline script or style: " + html);
        assertTrue(PageHtml.render("/c", null, null, ZoneId.of("UTC")).contains("The refresher is not running."));
    }

    @Test
    void onlyTheConsolesOwnPageMayPost() {
        assertTrue(CalendarBotPage.sameOrigin(request(null, "kiosk.local:8080")), "not sent by a browser");
        assertTrue(CalendarBotPage.sameOrigin(request("http://kiosk.local:8080", "kiosk.local:8080")));
        assertFalse(CalendarBotPage.sameOrigin(request("http://evil.example", "kiosk.local:8080")));
        assertFalse(CalendarBotPage.sameOrigin(request("null", "kiosk.local:8080")));
    }

    private static HttpServletRequest request(String origin, String host) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Origin", origin);
        headers.put("Host", host);
        return (HttpServletRequest) Proxy.newProxyInstance(CalendarBotPageTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, a) -> m.getName().equals("getHeader")
                        ? headers.get((String) a[0]) : null);
    }
}
