package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

/**
 * Every layout of the full distribution in a real browser, against a known calendar at a fixed time: what a
 * person sees at 07:50 in Los Angeles, ten minutes before "Design review". Screenshots land in
 * target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LayoutsIT extends KioskPageTest {

    // Ten minutes to go when the page loads; a few seconds may pass before the first look.
    private static final Pattern TEN_MINUTES_TO_GO = Pattern.compile("10:00|9:[0-5]\\d");

    @Test
    @Order(1)
    void whatsNextCountsDownToTheNextMeetingEverySecond() throws Exception {
        browser.open(kiosk.page("layout=whatsnext"));
        browser.awaitReady();

        assertEquals("whatsnext", browser.layoutShown());
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"));
        String countdown = browser.text("#countdown");
        assertTrue(TEN_MINUTES_TO_GO.matcher(countdown).matches(), "countdown at load: " + countdown);
        // Shown in the kiosk's zone, not the machine's: 16:00Z is 08:00 in Los Angeles.
        assertEquals("08:00 \u2013 08:30", browser.text("#meeting-time"));
        assertEquals("Room Fuji", browser.text("#meeting-location"));
        assertTrue(browser.text("#now-meeting").startsWith("Now: Team standup \u00b7 ends in 10"),
                browser.text("#now-meeting"));
        assertTrue(browser.text("#allday-banner").contains("Team offsite"), browser.text("#allday-banner"));
        assertTrue(browser.displayed("#skip-button"));
        boolean online = kiosk.get("/api/whats-next").matches("(?s).*\"is_online_meeting\"\\s*:\\s*true.*");
        assertEquals(online, browser.displayed("#online-badge"), "the Online badge follows is_online_meeting");
        assertFalse(browser.displayed("#cb-banner"), "fresh data: no banner");
        browser.until("the page's heartbeat in /api/health", kiosk::heartbeatReceived);
        browser.screenshot("whatsnext");

        String later = browser.awaitText("#countdown", t -> !t.equals(countdown));
        assertTrue(TEN_MINUTES_TO_GO.matcher(later).matches(), "still about ten minutes: " + later);
        assertPageIsClean();
    }

    @Test
    @Order(2)
    void weekPlacesTheMeetingsByTimeInTheirDays() throws Exception {
        browser.open(kiosk.page("layout=week"));
        browser.awaitReady();

        assertEquals("week", browser.layoutShown());
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"));
        assertTrue(TEN_MINUTES_TO_GO.matcher(browser.text("#countdown")).matches(), browser.text("#countdown"));
        assertEquals(4, browser.elements("#week-grid .day-col").size(), "today and the next three days");

        WebElement today = browser.elements("#week-grid .day-col").get(0);
        WebElement review = today.findElements(org.openqa.selenium.By.cssSelector(".cb-event")).stream()
                .filter(e -> e.getText().contains(KioskUnderTest.NEXT_MEETING)).findFirst()
                .orElseThrow(() -> new AssertionError("no Design review block in today's column"));
        assertFalse(review.getAttribute("data-meeting-id").isEmpty(), "event blocks carry their meeting id");
        WebElement planning = browser.elements("#week-grid .day-col").get(1)
                .findElements(org.openqa.selenium.By.cssSelector(".cb-event")).stream()
                .filter(e -> e.getText().contains("Sprint planning")).findFirst()
                .orElseThrow(() -> new AssertionError("no Sprint planning block on Wednesday"));
        // 08:00 is above 09:00 (Sprint planning, a day later) in the same grid.
        assertTrue(review.getRect().getY() < planning.getRect().getY(), "placed by time of day");
        assertTrue(browser.elements(".allday-cell .cb-event").stream()
                .anyMatch(e -> e.getText().contains("Team offsite")), "all-day row");
        browser.screenshot("week");
        assertPageIsClean();
    }

    @Test
    @Order(3)
    void compactShowsTheNextMeetingInMinutesAndThoseAfterIt() throws Exception {
        browser.open(kiosk.page("layout=compact"));
        browser.awaitReady();

        assertEquals("compact", browser.layoutShown());
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"));
        assertTrue(browser.text("#countdown").matches("in (10|9) min"), browser.text("#countdown"));
        List<String> later = browser.elements("#later-list li").stream().map(WebElement::getText).toList();
        assertTrue(later.size() >= 2 && later.get(0).contains("1:1 with Sam"), "later: " + later);
        browser.screenshot("compact-480x800");
        browser.resize(300, 400);
        try {
            browser.awaitReady();
            browser.screenshot("compact");
        } finally {
            browser.resize(480, 800);
        }
        assertPageIsClean();
    }

    @Test
    @Order(4)
    void einkThemeIsBlackOnWhiteAndCountsMinutes() throws Exception {
        browser.open(kiosk.page("layout=whatsnext&theme=eink"));
        browser.awaitReady();

        assertEquals(Boolean.TRUE, browser.script("return document.documentElement.classList.contains('cb-eink')"));
        assertTrue(browser.text("#countdown").matches("(10|9) min"), browser.text("#countdown"));
        assertEquals("rgb(255, 255, 255)",
                browser.script("return getComputedStyle(document.documentElement).backgroundColor"));
        browser.screenshot("whatsnext-eink");
        assertPageIsClean();
    }

    @Test
    @Order(5)
    void skipButtonMovesOnToTheMeetingAfter() throws Exception {
        browser.open(kiosk.page("layout=whatsnext"));
        browser.awaitReady();
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"));

        browser.element("#skip-button").click();

        browser.awaitText("#meeting-title", "1:1 with Sam"::equals);
        assertEquals("10:00 \u2013 10:30", browser.text("#meeting-time"));
        assertPageIsClean();
    }

    @Test
    @Order(6)
    void clientFormatsCountdownsAndKioskDaysWithTheBrowsersOwnTimeZoneData() {
        browser.open(kiosk.page("layout=whatsnext"));
        browser.awaitReady();
        // Units are joined by no-break spaces so "10 min" never wraps between number and unit.
        assertEquals(List.of("0:00", "9:59", "1:02:03", "1d 1:02:03", "10\u00a0min", "1\u00a0h 03\u00a0min",
                "2\u00a0days 2\u00a0h"),
                browser.script("var c = CalendarBot; return [c.formatCountdown(0), c.formatCountdown(599), "
                        + "c.formatCountdown(3723), c.formatCountdown(90123), c.formatCountdown(600, 'minutes'), "
                        + "c.formatCountdown(3723, 'minutes'), c.formatCountdown(180000, 'minutes')]"));
        // The day DST ends in Los Angeles has 25 hours; the week grid's columns start at local midnight.
        assertEquals(List.of("2026-11-01T07:00:00.000Z", "2026-11-02T08:00:00.000Z", "2026-11-01"),
                browser.script("var c = CalendarBot, t = Date.parse('2026-11-01T20:00:00Z'), z = arguments[0]; "
                        + "return [new Date(c.startOfDay(t, 0, z)).toISOString(), "
                        + "new Date(c.startOfDay(t, 1, z)).toISOString(), c.dayKey(t, z)]", KioskUnderTest.ZONE));
    }

    /** No script errors, and nothing fetched from anywhere but the kiosk's own server. */
    private void assertPageIsClean() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        String own = kiosk.page("").toString();
        for (String url : fetched) {
            assertTrue(url.startsWith(own), "external request: " + url);
        }
        assertTrue(Files.exists(work), "sanity");
    }
}
