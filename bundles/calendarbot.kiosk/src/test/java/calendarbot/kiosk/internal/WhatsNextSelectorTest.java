package calendarbot.kiosk.internal;

import static calendarbot.api.EventBuilder.meeting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.EventBuilder;
import calendarbot.api.MemoryEventStore;
import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.WhatsNext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsNextSelectorTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 09:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    final MemorySkips skips = new MemorySkips();
    static KioskConfiguration.Config kiosk(Map<String, ?> values) {
        return ConfigProxy.of(KioskConfiguration.Config.class, values);
    }

    /** The rules as the configuration's defaults make them (calendarbot_lite's). */
    static final SelectionRules DEFAULT_RULES = SelectionRules.from(kiosk(Map.of()));
    final WhatsNextSelector selector = new WhatsNextSelector(DEFAULT_RULES, BERLIN, skips);

    static Instant in(int minutes) {
        return NOW.plusSeconds(minutes * 60L);
    }

    WhatsNext select(Occurrence... occurrences) {
        return selector.whatsNext(new MemoryEventStore(occurrences), NOW);
    }

    String nextUid(Occurrence... occurrences) {
        Occurrence next = select(occurrences).next();
        return next == null ? null : next.event().uid();
    }

    @Test
    void theEarliestMeetingAfterNowIsNext() {
        assertEquals("standup", nextUid(
                meeting("past", "Earlier", in(-90), HOUR).occurrence("work"),
                meeting("review", "Review", in(60), HOUR).occurrence("work"),
                meeting("standup", "Standup", in(10), HOUR).occurrence("work")));
    }

    @Test
    void freeTimeIsNeverNext() {
        assertEquals("real", nextUid(
                meeting("free", "Busy? no", in(5), HOUR).busyStatus("FREE").occurrence("work"),
                meeting("cancelled", "Cancelled: sync", in(6), HOUR).status("CANCELLED").occurrence("work"),
                meeting("deleted", "Removed", in(7), HOUR).outlookDeleted().occurrence("work"),
                meeting("transparent", "Reminder", in(8), HOUR).transp("TRANSPARENT").occurrence("work"),
                meeting("real", "Planning poker", in(20), HOUR).occurrence("work")));
    }

    @Test
    void aMeetingIDeclinedIsNotNext() {
        assertEquals("accepted", nextUid(
                meeting("declined", "All hands", in(5), HOUR).myPartStat("DECLINED").occurrence("work"),
                meeting("accepted", "1:1", in(20), HOUR).myPartStat("ACCEPTED").occurrence("work")));
    }

    @Test
    void aTentativeMeetingIsKept() {
        assertEquals("maybe", nextUid(
                meeting("maybe", "Optional demo", in(5), HOUR).status("TENTATIVE").myPartStat("TENTATIVE")
                        .busyStatus("TENTATIVE").occurrence("work"),
                meeting("later", "Retro", in(20), HOUR).occurrence("work")));
    }

    @Test
    void aSkippedMeetingIsNotNextUntilUnskipped() {
        Occurrence standup = meeting("standup", "Standup", in(10), HOUR).occurrence("work");
        Occurrence review = meeting("review", "Review", in(60), HOUR).occurrence("work");
        skips.skip(standup.id());
        assertEquals("review", nextUid(standup, review));
        skips.unskip(standup.id());
        assertEquals("standup", nextUid(standup, review));
    }

    @Test
    void skipKeywordsMatchAnyCaseAnywhereInTheSubject() {
        assertEquals("sync", nextUid(
                meeting("focus", "FOCUS TIME (do not book)", in(5), HOUR).occurrence("work"),
                meeting("deep", "Deep Work block", in(6), HOUR).occurrence("work"),
                meeting("sync", "Team sync", in(30), HOUR).occurrence("work")));
    }

    @Test
    void lunchGivesWayToAMeetingWithinThirtyMinutes() {
        assertEquals("customer", nextUid(
                meeting("lunch", "Lunch", in(10), HOUR).occurrence("work"),
                meeting("customer", "Customer call", in(40), HOUR).occurrence("work")));
    }

    @Test
    void lunchStaysNextWhenTheOtherMeetingIsMoreThanThirtyMinutesLater() {
        assertEquals("lunch", nextUid(
                meeting("lunch", "Lunch", in(10), HOUR).occurrence("work"),
                meeting("customer", "Customer call", in(41), HOUR).occurrence("work")));
    }

    @Test
    void lunchAloneIsNext() {
        assertEquals("lunch", nextUid(meeting("lunch", "Team lunch", in(10), HOUR).occurrence("work")));
    }

    @Test
    void allDayEventsAreListedForTodayButNeverNext() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        Occurrence holiday = EventBuilder.allDay("holiday", "Company holiday", today).allDayOccurrence("work", BERLIN);
        Occurrence tomorrow = EventBuilder.allDay("offsite", "Offsite", today.plusDays(1))
                .allDayOccurrence("work", BERLIN);
        Occurrence yesterday = EventBuilder.allDay("trip", "Trip", today.minusDays(1)).allDayOccurrence("work", BERLIN);
        Occurrence review = meeting("review", "Review", in(60), HOUR).occurrence("work");
        WhatsNext result = select(holiday, tomorrow, yesterday, review);
        assertEquals("review", result.next().event().uid());
        assertEquals(List.of("holiday"), result.allDay().stream().map(o -> o.event().uid()).toList());
    }

    @Test
    void freeHolidaysStayOnTheBannerButCancelledDaysDoNot() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        Occurrence holiday = EventBuilder.allDay("thanksgiving", "Thanksgiving", today).transp("TRANSPARENT")
                .allDayOccurrence("work", BERLIN);
        Occurrence cancelled = EventBuilder.allDay("offsite", "Offsite", today).status("CANCELLED")
                .allDayOccurrence("work", BERLIN);
        WhatsNext result = select(holiday, cancelled);
        assertEquals(List.of("thanksgiving"), result.allDay().stream().map(o -> o.event().uid()).toList());
        assertEquals(null, result.next());
    }

    @Test
    void anAllDayEventOfTomorrowIsNotNextEvenWhenNothingElseIs() {
        Occurrence tomorrow = EventBuilder.allDay("offsite", "Offsite", LocalDate.of(2026, 11, 25))
                .allDayOccurrence("work", BERLIN);
        WhatsNext result = select(tomorrow);
        assertNull(result.next());
        assertEquals(WhatsNextSelector.NO_MEETINGS, result.status());
    }

    @Test
    void theMeetingInProgressIsReportedBesideTheNext() {
        Occurrence running = meeting("running", "Architecture", in(-30), HOUR).occurrence("work");
        Occurrence next = meeting("next", "Standup", in(45), HOUR).occurrence("work");
        WhatsNext result = select(running, next);
        assertEquals("running", result.current().event().uid());
        assertEquals("next", result.next().event().uid());
        assertEquals(45 * 60, result.secondsUntilStart());
    }

    @Test
    void freeOrSkippedTimeInProgressIsNotCurrent() {
        Occurrence free = meeting("free", "Travel", in(-30), HOUR).transp("TRANSPARENT").occurrence("work");
        Occurrence skipped = meeting("skipped", "Old sync", in(-10), HOUR).occurrence("work");
        skips.skip(skipped.id());
        assertNull(select(free, skipped).current());
    }

    @Test
    void aMeetingStartingNowIsNextAndInProgress() {
        Occurrence now = meeting("now", "Starts now", NOW, HOUR).occurrence("work");
        WhatsNext result = select(now);
        assertEquals("now", result.next().event().uid());
        assertEquals("now", result.current().event().uid());
        assertEquals("Meeting in progress", result.status().message());
    }

    @Test
    void statusFollowsCalendarbotLiteThresholds() {
        SelectionRules r = DEFAULT_RULES;
        long hour = 3600;
        assertEquals(new WhatsNext.Status("Starting very soon", true, true), WhatsNextSelector.status(60, hour, r));
        assertEquals(new WhatsNext.Status("Starting very soon", true, true), WhatsNextSelector.status(120, hour, r));
        // whole minutes, rounded down, as calendarbot_lite counts them: 2 min 59 s is still "2 minutes"
        assertEquals("Starting very soon", WhatsNextSelector.status(179, hour, r).message());
        assertEquals(new WhatsNext.Status("Starting soon", true, false), WhatsNextSelector.status(180, hour, r));
        assertEquals("Starting soon", WhatsNextSelector.status(15 * 60 + 59, hour, r).message());
        assertEquals(new WhatsNext.Status("Starting within the hour", false, false),
                WhatsNextSelector.status(16 * 60, hour, r));
        assertEquals("Starting within the hour", WhatsNextSelector.status(60 * 60 + 59, hour, r).message());
        assertEquals(new WhatsNext.Status("Plenty of time", false, false), WhatsNextSelector.status(61 * 60, hour, r));
    }

    @Test
    void thresholdsComeFromTheConfiguration() {
        SelectionRules r = SelectionRules.from(kiosk(Map.of("urgentMinutes", 5, "criticalMinutes", 0)));
        assertEquals("Starting very soon", WhatsNextSelector.status(59, 3600, r).message());
        assertEquals("Starting soon", WhatsNextSelector.status(60, 3600, r).message());
        assertEquals("Starting within the hour", WhatsNextSelector.status(6 * 60, 3600, r).message());
    }

    @Test
    void statusOfTheNextMeetingIsReported() {
        WhatsNext result = select(meeting("soon", "Standup", in(10), HOUR).occurrence("work"));
        assertTrue(result.status().urgent());
        assertFalse(result.status().critical());
        assertEquals("Starting soon", result.status().message());
    }

    @Test
    void configuredKeywordsReplaceTheDefaults() {
        WhatsNextSelector custom = new WhatsNextSelector(SelectionRules.from(kiosk(Map.of(
                "skipKeywords", new String[] { "gym" }, "deprioritizedKeywords", new String[] { "coffee" },
                "preferWindowMinutes", 15))), BERLIN, skips);
        var store = new MemoryEventStore(
                meeting("gym", "Gym", in(1), HOUR).occurrence("work"),
                meeting("coffee", "Coffee chat", in(5), HOUR).occurrence("work"),
                meeting("focus", "Focus time", in(19), HOUR).occurrence("work"));
        assertEquals("focus", custom.whatsNext(store, NOW).next().event().uid());
    }

    @Test
    void theExclusionSaysWhyAMeetingIsNotShown() {
        assertEquals("declined by you (PARTSTAT=DECLINED)",
                selector.exclusion(meeting("d", "All hands", in(5), HOUR).myPartStat("DECLINED").occurrence("work")));
        assertEquals("subject contains the skip keyword \"deep work\"",
                selector.exclusion(meeting("w", "Deep work", in(5), HOUR).occurrence("work")));
        assertEquals("free time (X-MICROSOFT-CDO-BUSYSTATUS:FREE)",
                selector.exclusion(meeting("f", "Hold", in(5), HOUR).busyStatus("FREE").occurrence("work")));
        assertNull(selector.exclusion(meeting("ok", "Review", in(5), HOUR).status("TENTATIVE").occurrence("work")));
    }

    /** A skip list in memory. */
    static final class MemorySkips implements SkipList {
        final Map<String, Instant> map = new HashMap<>();

        @Override
        public boolean isSkipped(String id) {
            return map.containsKey(id);
        }

        @Override
        public Instant skip(String id) {
            map.put(id, NOW.plus(Duration.ofDays(1)));
            return map.get(id);
        }

        @Override
        public boolean unskip(String id) {
            return map.remove(id) != null;
        }

        @Override
        public int clear() {
            int n = map.size();
            map.clear();
            return n;
        }

        @Override
        public Map<String, Instant> skipped() {
            return Map.copyOf(map);
        }
    }
}
