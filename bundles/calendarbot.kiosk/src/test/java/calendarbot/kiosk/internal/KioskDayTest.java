package calendarbot.kiosk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.EventBuilder;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.api.MemoryEventStore;
import calendarbot.api.MemorySkipList;
import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The morning by the kiosk's rules, on calendarbot_lite's own scenarios (a morning in Los Angeles). */
class KioskDayTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final LocalDate DAY = LocalDate.parse("2025-11-06");

    final ManualTime time = new ManualTime(at("2025-11-05T20:00"));
    final MemorySkipList skips = new MemorySkipList(time);
    final MemoryEventStore store = new MemoryEventStore();
    final KioskDay kioskDay;
    private int uid;

    KioskDayTest() {
        SelectionRules rules = SelectionRules.from(ConfigProxy.of(KioskConfiguration.Config.class, Map.of()));
        FixedKioskSettings settings = new FixedKioskSettings(LA);
        settings.skipKeywords = rules.skipKeywords();
        kioskDay = new KioskDay(new WhatsNextSelector(rules, LA, skips), skips, settings);
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(LA).toInstant();
    }

    static long second(String local) {
        return at(local).getEpochSecond();
    }

    Occurrence meeting(String subject, String localStart, int minutes) {
        return add(EventBuilder.meeting("m" + ++uid, subject, at(localStart), Duration.ofMinutes(minutes)));
    }

    Occurrence add(EventBuilder event) {
        Occurrence o = event.occurrence("work");
        store.add(o);
        return o;
    }

    void allDay(String subject, String date) {
        store.add(EventBuilder.allDay("a" + ++uid, subject, LocalDate.parse(date)).allDayOccurrence("work", LA));
    }

    Morning morning() {
        return kioskDay.morning(store, DAY, LA, KioskDay.MAX_MORNING_EVENTS);
    }

    static List<String> subjects(List<Occurrence> list) {
        return list.stream().map(o -> o.event().summary()).toList();
    }

    @Test
    void theMorningIsSixToNoonOfTheDayInTheAskedZone() {
        Morning m = morning();
        assertEquals(second("2025-11-06T06:00"), m.start());
        assertEquals(second("2025-11-06T12:00"), m.end());
        Morning berlin = kioskDay.morning(store, DAY, ZoneId.of("Europe/Berlin"), 50);
        assertEquals(Instant.parse("2025-11-06T05:00:00Z").getEpochSecond(), berlin.start());
        assertFalse(m.anyEvents());
        assertEquals(List.of(new Morning.FreeBlock(m.start(), m.end())), m.freeBlocks());
        assertEquals(360, m.freeBlocks().get(0).minutes());
    }

    @Test
    void calendarbotLitesSampleMorning() {
        meeting("Early Team Standup", "2025-11-06T07:00", 30);
        meeting("Project Sync", "2025-11-06T09:00", 60);
        meeting("Client Review", "2025-11-06T10:00", 60);
        meeting("Focus Time - Deep Work", "2025-11-06T11:30", 30);
        allDay("Company Conference", "2025-11-06");
        allDay("John's Birthday", "2025-11-06");
        add(EventBuilder.meeting("c", "Cancelled Meeting", at("2025-11-06T08:00"), Duration.ofHours(1))
                .status("CANCELLED"));
        Morning m = morning();
        assertEquals(List.of("Early Team Standup", "Project Sync", "Client Review"), subjects(m.meetings()));
        assertEquals(List.of("Focus Time - Deep Work"), subjects(m.focusTime()));
        assertEquals(List.of("Company Conference"), subjects(m.allDay()));
        assertEquals(3.5, m.meetingEquivalents());
        assertEquals(Morning.Density.MODERATE, m.density());
        assertEquals("moderate", m.density().word());
        assertTrue(m.earlyStart());
        assertTrue(m.veryEarlyStart());
        assertEquals(second("2025-11-06T05:30"), m.wakeUp(), "90 minutes before, even before the morning begins");
        assertEquals(1, m.backToBack());
        // the focus block is busy time: 11:00 to 11:30 is free, 11:30 to noon is not
        assertEquals(List.of(new Morning.FreeBlock(second("2025-11-06T06:00"), second("2025-11-06T07:00")),
                new Morning.FreeBlock(second("2025-11-06T07:30"), second("2025-11-06T09:00")),
                new Morning.FreeBlock(second("2025-11-06T11:00"), second("2025-11-06T11:30"))), m.freeBlocks());
    }

    @Test
    void earlyIsTheFirstMeetingBefore8AndVeryEarlyBefore730() {
        meeting("Focus time", "2025-11-06T06:30", 60); // focus time is no start of the day
        meeting("Breakfast Briefing", "2025-11-06T07:45", 30);
        Morning m = morning();
        assertTrue(m.earlyStart());
        assertFalse(m.veryEarlyStart());
        assertEquals(second("2025-11-06T06:15"), m.wakeUp());

        MemoryEventStore eight = new MemoryEventStore(
                EventBuilder.meeting("x", "Standup", at("2025-11-06T08:00"), Duration.ofHours(1)).occurrence("work"));
        Morning notEarly = kioskDay.morning(eight, DAY, LA, 50);
        assertFalse(notEarly.earlyStart(), "8:00 is not before 8:00");
        assertNull(notEarly.wakeUp());
    }

    @Test
    void backToBackIsAGapOf15MinutesOrLessBetweenMeetings() {
        meeting("A", "2025-11-06T09:00", 30);
        meeting("B", "2025-11-06T09:45", 30); // 15 minutes after A
        meeting("C", "2025-11-06T10:31", 30); // 16 minutes after B
        meeting("D", "2025-11-06T10:45", 30); // overlaps C
        meeting("Focus time", "2025-11-06T11:15", 30); // right after D, but no meeting
        assertEquals(2, morning().backToBack());
    }

    @Test
    void aMeetingWithoutALengthTakesAnHour() {
        meeting("Reminder-like", "2025-11-06T09:00", 0);
        Morning m = morning();
        assertEquals(List.of(new Morning.FreeBlock(second("2025-11-06T06:00"), second("2025-11-06T09:00")),
                new Morning.FreeBlock(second("2025-11-06T10:00"), second("2025-11-06T12:00"))), m.freeBlocks());
    }

    @Test
    void freeDeclinedAndSkippedAreNeitherMeetingsNorFocusTime() {
        Occurrence skipped = meeting("Skipped Standup", "2025-11-06T07:00", 30);
        skips.skip(skipped.id());
        add(EventBuilder.meeting("d", "Declined Review", at("2025-11-06T08:00"), Duration.ofMinutes(30))
                .myPartStat("DECLINED"));
        add(EventBuilder.meeting("f", "Focus time, free", at("2025-11-06T09:00"), Duration.ofMinutes(30))
                .transp("TRANSPARENT"));
        meeting("Kept Meeting", "2025-11-06T10:00", 30);
        Morning m = morning();
        assertEquals(List.of("Kept Meeting"), subjects(m.meetings()));
        assertEquals(List.of(), m.focusTime());
        assertFalse(m.earlyStart());
    }

    @Test
    void allDayEventsAreTheBannersOfThatDateInTheKiosksZone() {
        allDay("Team Offsite", "2025-11-06");
        allDay("Yesterday's Offsite", "2025-11-05");
        store.add(EventBuilder.allDay("x", "Cancelled Offsite", DAY).status("CANCELLED").allDayOccurrence("work", LA));
        store.add(EventBuilder.allDay("h", "Public Holiday", DAY).transp("TRANSPARENT").allDayOccurrence("work", LA));
        assertEquals(List.of("Team Offsite", "Public Holiday"), subjects(kioskDay.allDay(store, DAY)));
        // asked from Berlin, the date is still the kiosk's
        Morning berlin = kioskDay.morning(store, DAY, ZoneId.of("Europe/Berlin"), 50);
        assertEquals(List.of("Team Offsite"), subjects(berlin.allDay()), "a holiday is not actionable");
        assertEquals(0.5, berlin.meetingEquivalents());
        assertTrue(berlin.anyEvents());
    }

    @Test
    void atMostMaxEventsAreLookedAtTimedOnesFirst() {
        for (int i = 0; i < 10; i++) {
            meeting("M" + i, "2025-11-06T" + String.format("%02d:%02d", 6 + i / 2, i % 2 * 30), 20);
        }
        allDay("Team Offsite", "2025-11-06");
        assertEquals(3, kioskDay.morning(store, DAY, LA, 3).meetings().size());
        assertEquals(List.of(), kioskDay.morning(store, DAY, LA, 3).allDay());
        assertEquals(1, kioskDay.morning(store, DAY, LA, 0).meetings().size(), "at least one");
        Morning all = kioskDay.morning(store, DAY, LA, 1000);
        assertEquals(10, all.meetings().size());
        assertEquals(10.5, all.meetingEquivalents());
        assertEquals(Morning.Density.BUSY, all.density());
    }

    @Test
    void aMorningOnADaylightSavingDay() {
        LocalDate sunday = LocalDate.parse("2026-03-08"); // the clocks go forward at 2:00
        store.add(EventBuilder.meeting("r", "Sunday Review", at("2026-03-08T07:00"), Duration.ofHours(1))
                .occurrence("work"));
        Morning m = kioskDay.morning(store, sunday, LA, 50);
        assertEquals(Instant.parse("2026-03-08T13:00:00Z").getEpochSecond(), m.start());
        assertEquals(Instant.parse("2026-03-08T12:30:00Z").getEpochSecond(), m.wakeUp());
        assertTrue(m.veryEarlyStart());
    }
}
