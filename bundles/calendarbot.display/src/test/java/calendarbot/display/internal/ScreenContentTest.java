package calendarbot.display.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.WhatsNext;
import calendarbot.display.internal.ScreenContent.Main;
import calendarbot.display.internal.ScreenContent.Urgency;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the screen says: the whats-next layout's words and rules, read from the services as the renderer reads them. */
class ScreenContentTest {

    private static final Screen SCREEN = new Screen(800, 480, Theme.DARK, 0);

    @Test
    void nextMeetingWithEverythingTheLayoutShows() {
        Wall wall = Wall.designReview().allDay("Team offsite").allDay("Sam's birthday")
                .inProgress("Team standup", Wall.NOW.minusSeconds(1200), Wall.NOW.plusSeconds(600));
        ScreenContent c = wall.renderer().content();
        assertEquals("07:50", c.clock(), "the kiosk's time in its zone (15:50 UTC)");
        assertEquals("Tue, Nov 24", c.date());
        assertEquals(Main.MEETING, c.main());
        assertEquals("10\u00a0min", c.countdown());
        assertEquals("until it starts", c.caption());
        assertEquals("Design review", c.title());
        assertEquals("08:00 \u2013 08:30", c.time());
        assertEquals("Room Fuji", c.location());
        assertTrue(c.online());
        assertEquals("Starting soon", c.status());
        assertEquals(Urgency.URGENT, c.urgency());
        assertEquals("Now: Team standup \u00b7 ends in 10\u00a0min", c.now());
        assertEquals("All day: Team offsite \u00b7 Sam's birthday", c.allDay());
        assertNull(c.banner(), "fresh data");
    }

    @Test
    void countdownInMinutesAsTheLayoutShowsItOnEink() {
        assertEquals("now", Wording.countdown(0));
        assertEquals("1\u00a0min", Wording.countdown(1));
        assertEquals("10\u00a0min", Wording.countdown(600));
        assertEquals("10\u00a0min", Wording.countdown(541), "whole minutes rounded up");
        assertEquals("1\u00a0h 05\u00a0min", Wording.countdown(3900));
        assertEquals("1\u00a0day 3\u00a0h", Wording.countdown(27 * 3600));
        assertEquals("2\u00a0days", Wording.countdown(48 * 3600));
    }

    @Test
    void meetingsOnOtherDaysSayWhichDay() {
        long now = Wall.NOW.getEpochSecond();
        long tomorrow = Instant.parse("2026-11-25T17:00:00Z").getEpochSecond();
        assertEquals("Tomorrow 09:00 \u2013 10:30", Wording.range(tomorrow, tomorrow + 5400, now, Wall.ZONE));
        long later = Instant.parse("2026-11-27T17:00:00Z").getEpochSecond();
        assertEquals("Fri, Nov 27, 09:00 \u2013 10:30", Wording.range(later, later + 5400, now, Wall.ZONE));
        long lateNight = Instant.parse("2026-11-25T07:00:00Z").getEpochSecond();
        assertEquals("23:00 \u2013 Wed, Nov 25, 00:30", Wording.range(lateNight, lateNight + 5400, now, Wall.ZONE));
    }

    @Test
    void staleAfterTheKioskPagesThresholdOnBookkeepingTime() {
        long limit = ScreenContent.Freshness.STALE_AFTER_SECONDS;
        assertEquals(900, limit, "calendarbot.js's staleSeconds");
        Wall wall = Wall.designReview().source(State.OK, Wall.BOOKKEEPING.minusSeconds(limit));
        assertNull(wall.renderer().content().banner(), "15 minutes old is not stale yet");
        wall.source(State.OK, Wall.BOOKKEEPING.minusSeconds(7300));
        ScreenContent c = wall.renderer().content();
        assertFalse(c.banner().unreachable());
        assertEquals("Calendar data is 2 h old", c.banner().text());
        assertEquals("Design review", c.title(), "the kept meetings are still shown");
    }

    @Test
    void failingSourcesWithOldDataCannotReachTheCalendar() {
        Wall wall = Wall.designReview().source(State.FAILING, Wall.BOOKKEEPING.minusSeconds(7300));
        ScreenContent c = wall.renderer().content();
        assertTrue(c.banner().unreachable());
        assertEquals("Cannot reach the calendar \u2014 last updated 2 h ago", c.banner().text());
        wall.source(State.FAILING, Wall.BOOKKEEPING.minusSeconds(60));
        assertNull(wall.renderer().content().banner(), "a failed fetch with fresh data is not news yet");
    }

    @Test
    void noDataEverIsLoadingOrUnreachableNotNoMeetings() {
        Wall wall = Wall.designReview().source(State.PENDING, null);
        wall.next = null;
        assertEquals(Main.LOADING, wall.renderer().content().main());
        wall.source(State.FAILING, null);
        ScreenContent c = wall.renderer().content();
        assertEquals(Main.UNREACHABLE, c.main());
        assertEquals("Cannot reach the calendar", c.title());
        wall.fresh();
        assertEquals(Main.NONE, wall.renderer().content().main());
        assertEquals("No meetings scheduled", wall.renderer().content().title());
    }

    @Test
    void withoutTheKiosksServicesTheScreenSaysSo() {
        ScreenRenderer r = Wall.designReview().renderer();
        r.selector = null;
        ScreenContent c = r.content();
        assertEquals(Main.UNREACHABLE, c.main());
        assertEquals("07:50", c.clock());
    }

    @Test
    void versionMovesWithTheMinuteNotTheSecond() {
        Wall wall = Wall.designReview();
        ScreenRenderer r = wall.renderer();
        String first = r.version(SCREEN);
        wall.kioskTime.advance(Duration.ofSeconds(20));
        wall.bookkeeping.advance(Duration.ofSeconds(20));
        assertEquals(first, r.version(SCREEN), "07:50:20 shows what 07:50:00 showed");
        wall.kioskTime.advance(Duration.ofSeconds(40));
        assertNotEquals(first, r.version(SCREEN), "07:51: the clock and the countdown moved");
        assertNotEquals(r.version(SCREEN), r.version(new Screen(800, 480, Theme.EINK, 0)), "another picture");
        assertNotEquals(r.version(SCREEN), r.version(new Screen(800, 480, Theme.DARK, 180)), "another turn");
    }

    @Test
    void criticalFromTheSelectorsStatus() {
        Wall wall = Wall.designReview();
        wall.status = new WhatsNext.Status("Starting very soon", true, true);
        assertEquals(Urgency.CRITICAL, wall.renderer().content().urgency());
        wall.status = new WhatsNext.Status("Plenty of time", false, false);
        assertEquals(Urgency.CALM, wall.renderer().content().urgency());
    }
}
