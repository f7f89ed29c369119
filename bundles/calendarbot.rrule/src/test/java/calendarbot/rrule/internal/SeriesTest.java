package calendarbot.rrule.internal;

import static calendarbot.api.EventBuilder.event;
import static calendarbot.rrule.internal.TestEvents.BERLIN;
import static calendarbot.rrule.internal.TestEvents.NEW_YORK;
import static calendarbot.rrule.internal.TestEvents.UTC;
import static calendarbot.rrule.internal.TestEvents.at;
import static calendarbot.rrule.internal.TestEvents.date;
import static calendarbot.rrule.internal.TestEvents.expand;
import static calendarbot.rrule.internal.TestEvents.starts;
import static calendarbot.rrule.internal.TestEvents.time;
import static calendarbot.rrule.internal.TestEvents.wall;
import static calendarbot.rrule.internal.TestEvents.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Series as real feeds write them: DST, overrides, exceptions, all-day, old series, abusive rules. */
class SeriesTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static ExpansionWindow year2025(ZoneId zone) {
        return window(at("20250101T000000"), at("20260101T000000"), zone, 1000);
    }

    private static LocalDateTime ldt(String iso) {
        return LocalDateTime.parse(iso);
    }

    @Test
    void wallClockIsKeptAcrossDstInNewYorkAndAGapMovesForward() {
        ParsedEvent daily = event("standup").start(time("20250308T023000", NEW_YORK)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        Expansion e = expand(year2025(NEW_YORK), daily);
        // 2025-03-09 02:30 does not exist in New York: RFC 5545 3.3.5 moves it forward by the gap to 03:30
        assertEquals(List.of(ldt("2025-03-08T02:30"), ldt("2025-03-09T03:30"), ldt("2025-03-10T02:30")),
                starts(e, NEW_YORK));
        assertEquals(Instant.parse("2025-03-10T06:30:00Z"), e.occurrences().get(2).startInstant());

        ParsedEvent nine = event("nine").start(time("20251101T090000", NEW_YORK)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        Expansion back = expand(year2025(NEW_YORK), nine);
        assertEquals(List.of(ldt("2025-11-01T09:00"), ldt("2025-11-02T09:00"), ldt("2025-11-03T09:00")),
                starts(back, NEW_YORK));
        assertEquals(Instant.parse("2025-11-01T13:00:00Z"), back.occurrences().get(0).startInstant());
        assertEquals(Instant.parse("2025-11-03T14:00:00Z"), back.occurrences().get(2).startInstant());
    }

    @Test
    void wallClockIsKeptAcrossDstInBerlinAndAnAmbiguousTimeTakesTheEarlierOffset() {
        ParsedEvent spring = event("spring").start(time("20250329T023000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        assertEquals(List.of(ldt("2025-03-29T02:30"), ldt("2025-03-30T03:30"), ldt("2025-03-31T02:30")),
                starts(expand(year2025(BERLIN), spring), BERLIN));

        ParsedEvent autumn = event("autumn").start(time("20251025T023000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        List<Occurrence> o = expand(year2025(BERLIN), autumn).occurrences();
        assertEquals(Instant.parse("2025-10-25T00:30:00Z"), o.get(0).startInstant());
        assertEquals(Instant.parse("2025-10-26T00:30:00Z"), o.get(1).startInstant()); // 02:30 CEST, the first one
        assertEquals(Instant.parse("2025-10-27T01:30:00Z"), o.get(2).startInstant());
    }

    @Test
    void anOverrideMovedToAnotherDayReplacesItsInstance() {
        ParsedEvent master = event("weekly").start(time("20250106T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=3").build();
        ParsedEvent moved = event("weekly").summary("Moved to Tuesday afternoon")
                .recurrenceId(time("20250113T100000", BERLIN)).start(time("20250114T150000", BERLIN))
                .duration(Duration.ofMinutes(30)).build();
        Expansion e = expand(year2025(BERLIN), master, moved);
        assertEquals(List.of(ldt("2025-01-06T10:00"), ldt("2025-01-14T15:00"), ldt("2025-01-20T10:00")),
                starts(e, BERLIN));
        Occurrence tuesday = e.occurrences().get(1);
        assertEquals("Moved to Tuesday afternoon", tuesday.event().summary());
        assertEquals(Instant.parse("2025-01-13T09:00:00Z").getEpochSecond(), tuesday.originalStart());
        assertEquals(tuesday.start() + 1800, tuesday.end());
        assertEquals("weekly_20250113T090000", tuesday.id());
    }

    @Test
    void anOverrideWrittenInAnotherZoneMatchesByInstant() {
        ParsedEvent master = event("x-zone").start(time("20250106T090000", NEW_YORK)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        // RECURRENCE-ID in UTC naming Jan 7 09:00 New York, moved to 16:00 Berlin (= 10:00 New York)
        ParsedEvent moved = event("x-zone").recurrenceId(EventTime.ofUtc(ldt("2025-01-07T14:00")))
                .start(time("20250107T160000", BERLIN)).duration(HOUR).build();
        assertEquals(List.of(ldt("2025-01-06T09:00"), ldt("2025-01-07T10:00"), ldt("2025-01-08T09:00")),
                starts(expand(year2025(NEW_YORK), master, moved), NEW_YORK));
    }

    @Test
    void anOverrideWithADateRecurrenceIdReplacesThatDaysInstance() {
        ParsedEvent master = event("dated").start(time("20250106T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        ParsedEvent moved = event("dated").recurrenceId(date("20250107")).start(time("20250107T180000", BERLIN))
                .duration(HOUR).build();
        Expansion e = expand(year2025(BERLIN), master, moved);
        assertEquals(List.of(ldt("2025-01-06T09:00"), ldt("2025-01-07T18:00"), ldt("2025-01-08T09:00")),
                starts(e, BERLIN));
        assertEquals(Instant.parse("2025-01-07T08:00:00Z").getEpochSecond(), e.occurrences().get(1).originalStart());
    }

    @Test
    void overridesMovedIntoAndOutOfTheWindowFollowTheirNewTime() {
        ExpansionWindow january = window(at("20250110T000000"), at("20250201T000000"), BERLIN, 100);
        ParsedEvent master = event("w").start(time("20250106T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=5").build(); // Jan 6, 13, 20, 27, Feb 3
        ParsedEvent intoWindow = event("w").recurrenceId(time("20250106T100000", BERLIN))
                .start(time("20250115T100000", BERLIN)).duration(HOUR).build();
        ParsedEvent outOfWindow = event("w").recurrenceId(time("20250127T100000", BERLIN))
                .start(time("20250205T100000", BERLIN)).duration(HOUR).build();
        assertEquals(List.of(ldt("2025-01-13T10:00"), ldt("2025-01-15T10:00"), ldt("2025-01-20T10:00")),
                starts(expand(january, master, intoWindow, outOfWindow), BERLIN));
    }

    @Test
    void thisAndFutureMovesThatInstanceAndAllLaterOnes() {
        ParsedEvent master = event("taf").summary("Planning").start(time("20250106T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=5").build();
        ParsedEvent fromThird = event("taf").summary("Planning (new slot)").thisAndFuture()
                .recurrenceId(time("20250120T100000", BERLIN)).start(time("20250120T113000", BERLIN))
                .duration(Duration.ofMinutes(90)).build();
        Expansion e = expand(year2025(BERLIN), master, fromThird);
        assertEquals(List.of(ldt("2025-01-06T10:00"), ldt("2025-01-13T10:00"), ldt("2025-01-20T11:30"),
                ldt("2025-01-27T11:30"), ldt("2025-02-03T11:30")), starts(e, BERLIN));
        List<Occurrence> o = e.occurrences();
        assertEquals("Planning", o.get(1).event().summary());
        assertEquals("Planning (new slot)", o.get(3).event().summary());
        assertEquals(90 * 60, o.get(4).end() - o.get(4).start());
        assertEquals(Instant.parse("2025-02-03T09:00:00Z").getEpochSecond(), o.get(4).originalStart());
    }

    @Test
    void aCancelledOverrideReplacesItsInstanceAsCancelled() {
        ParsedEvent master = event("c").start(time("20250106T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=3").build();
        ParsedEvent cancelled = event("c").status("CANCELLED").recurrenceId(time("20250107T100000", BERLIN))
                .start(time("20250107T100000", BERLIN)).duration(HOUR).build();
        Expansion e = expand(year2025(BERLIN), master, cancelled);
        assertEquals(List.of(ldt("2025-01-06T10:00"), ldt("2025-01-07T10:00"), ldt("2025-01-08T10:00")),
                starts(e, BERLIN));
        // The master's own instance of that slot is gone; only the cancelled override stands there.
        assertEquals(List.of("CONFIRMED-or-null", "CANCELLED", "CONFIRMED-or-null"), e.occurrences().stream()
                .map(o -> "CANCELLED".equals(o.event().status()) ? "CANCELLED" : "CONFIRMED-or-null").toList());
    }

    @Test
    void exdatesAsDateAndInAnotherZoneRemoveInstances() {
        ParsedEvent master = event("ex").start(time("20250106T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;COUNT=5")
                .exdate(date("20250107"), EventTime.ofUtc(ldt("2025-01-09T08:00")),
                        time("20250110T090000", NEW_YORK)) // the last names no instance: nothing happens
                .build();
        assertEquals(List.of(ldt("2025-01-06T09:00"), ldt("2025-01-08T09:00"), ldt("2025-01-10T09:00")),
                starts(expand(year2025(BERLIN), master), BERLIN));
    }

    @Test
    void rdatesAddInstancesWithTheirOwnDurationsAndZones() {
        ParsedEvent master = event("rd").start(time("20250106T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=2")
                .rdate(time("20250108T140000", BERLIN), Duration.ofHours(3))
                .rdate(time("20250109T120000", NEW_YORK))
                .rdate(date("20250110"))
                .rdate(time("20250106T090000", BERLIN)) // the same as DTSTART: shown once
                .build();
        Expansion e = expand(year2025(BERLIN), master);
        assertEquals(List.of(ldt("2025-01-06T09:00"), ldt("2025-01-08T14:00"), ldt("2025-01-09T18:00"),
                ldt("2025-01-10T00:00"), ldt("2025-01-13T09:00")), starts(e, BERLIN));
        Occurrence period = e.occurrences().get(1);
        assertEquals(3 * 3600, period.end() - period.start());
        assertEquals(3600, e.occurrences().get(2).end() - e.occurrences().get(2).start());
    }

    @Test
    void aDateRdateInATimedSeriesIsAnInstanceAtMidnightOfTheSeriesZoneNotAnAllDayEvent() {
        ParsedEvent master = event("rd-date").start(time("20250106T150000", NEW_YORK)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=1").rdate(date("20250110")).build();
        // the kiosk is in Berlin: midnight of 10 January in New York is 06:00 there
        List<Occurrence> o = expand(year2025(BERLIN), master).occurrences();
        assertEquals(Instant.parse("2025-01-10T05:00:00Z"), o.get(1).startInstant());
        assertEquals(3600, o.get(1).end() - o.get(1).start());
        assertFalse(o.get(1).allDay());
    }

    @Test
    void yearlyByMonthDayWithoutByMonthIsEveryMonth() {
        // RFC 5545 3.3.10: BYMONTHDAY expands a YEARLY rule over the year; only DTSTART's month would be BYMONTH's job
        ParsedEvent payday = event("payday").start(time("20250315T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=YEARLY;BYMONTHDAY=15").build();
        List<LocalDateTime> starts = starts(expand(year2025(BERLIN), payday), BERLIN);
        assertEquals(10, starts.size());
        assertEquals(ldt("2025-04-15T09:00"), starts.get(1));
        assertEquals(ldt("2025-12-15T09:00"), starts.get(9));
    }

    @Test
    void anAllDaySeriesEndingWithOutlooksUtcUntilKeepsItsLastDayWestOfTheOrganizer() {
        // organized in Berlin: the last day, 8 January, starts at 2025-01-07T23:00Z
        ParsedEvent berlin = event("ooo-berlin").start(date("20250106")).end(date("20250107"))
                .rrule("FREQ=DAILY;UNTIL=20250107T230000Z").build();
        List<LocalDateTime> days = List.of(ldt("2025-01-06T00:00"), ldt("2025-01-07T00:00"), ldt("2025-01-08T00:00"));
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertEquals(days, starts(expand(year2025(losAngeles), berlin), losAngeles));
        assertEquals(days, starts(expand(year2025(BERLIN), berlin), BERLIN));
        assertEquals(days, starts(expand(year2025(tokyo), berlin), tokyo));
        // organized in New York (05:00Z) and in Auckland's summer (the day before, 11:00Z): the same three days
        for (String until : List.of("20250108T050000Z", "20250107T110000Z", "20250108T000000Z")) {
            ParsedEvent other = event("ooo-" + until).start(date("20250106")).rrule("FREQ=DAILY;UNTIL=" + until)
                    .build();
            assertEquals(days, starts(expand(year2025(losAngeles), other), losAngeles), until);
            assertEquals(days, starts(expand(year2025(tokyo), other), tokyo), until);
        }
    }

    @Test
    void thisAndFutureLeavesAnExplicitRdateWhereItIs() {
        ParsedEvent master = event("taf-rdate").summary("Planning").start(time("20250106T100000", BERLIN))
                .duration(HOUR).rrule("FREQ=WEEKLY;COUNT=3").rdate(time("20250129T160000", BERLIN)).build();
        ParsedEvent later = event("taf-rdate").summary("Planning (later)").thisAndFuture()
                .recurrenceId(time("20250113T100000", BERLIN)).start(time("20250113T120000", BERLIN)).duration(HOUR)
                .build();
        assertEquals(List.of(ldt("2025-01-06T10:00"), ldt("2025-01-13T12:00"), ldt("2025-01-20T12:00"),
                ldt("2025-01-29T16:00")), starts(expand(year2025(BERLIN), master, later), BERLIN));
    }

    @Test
    void aSecondThisAndFutureStartsFromWhereTheFirstLeftTheSeries() {
        ParsedEvent master = event("taf2").summary("Sync").start(time("20250106T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=6").build();
        // from the 2nd instance on: two hours later
        ParsedEvent first = event("taf2").summary("Sync at noon").thisAndFuture()
                .recurrenceId(time("20250113T100000", BERLIN)).start(time("20250113T120000", BERLIN)).duration(HOUR)
                .build();
        // from the 4th on, named where the first left it (12:00), one more day and half an hour later
        ParsedEvent second = event("taf2").summary("Sync on Tuesdays").thisAndFuture()
                .recurrenceId(time("20250127T120000", BERLIN)).start(time("20250128T123000", BERLIN))
                .duration(Duration.ofMinutes(30)).build();
        Expansion e = expand(year2025(BERLIN), master, first, second);
        assertEquals(List.of(ldt("2025-01-06T10:00"), ldt("2025-01-13T12:00"), ldt("2025-01-20T12:00"),
                ldt("2025-01-28T12:30"), ldt("2025-02-04T12:30"), ldt("2025-02-11T12:30")), starts(e, BERLIN));
        List<Occurrence> o = e.occurrences();
        assertEquals("Sync at noon", o.get(2).event().summary());
        assertEquals("Sync on Tuesdays", o.get(5).event().summary());
        assertEquals(1800, o.get(5).end() - o.get(5).start());
        assertEquals(Instant.parse("2025-02-10T09:00:00Z").getEpochSecond(), o.get(5).originalStart());
    }

    @Test
    void allDaySeriesStartAtMidnightOfTheKioskZoneAndLastWholeDays() {
        ParsedEvent holiday = event("allday").start(date("20250328")).end(date("20250329"))
                .rrule("FREQ=DAILY;COUNT=4").exdate(date("20250329")).build();
        Expansion e = expand(year2025(BERLIN), holiday);
        assertEquals(List.of(ldt("2025-03-28T00:00"), ldt("2025-03-30T00:00"), ldt("2025-03-31T00:00")),
                starts(e, BERLIN));
        assertTrue(e.occurrences().stream().allMatch(Occurrence::allDay));
        // 30 March is 23 hours long in Berlin; the day still ends at the next midnight
        assertEquals(ldt("2025-03-31T00:00"), TestEvents.ends(e, BERLIN).get(1));
        assertEquals(23 * 3600, e.occurrences().get(1).end() - e.occurrences().get(1).start());

        ParsedEvent yearly = event("birthday").start(date("20200229")).rrule("FREQ=YEARLY").build();
        assertEquals(List.of(), starts(expand(year2025(BERLIN), yearly), BERLIN)); // no 29 February in 2025
        ParsedEvent monthly = event("payday").start(date("20240131")).rrule("FREQ=MONTHLY;BYMONTHDAY=-1").build();
        assertEquals(12, expand(year2025(BERLIN), monthly).occurrences().size());
    }

    @Test
    void anAllDayOverrideAndUntilInUtcFromOutlookKeepTheLastDay() {
        ParsedEvent master = event("ooo").start(date("20250106")).end(date("20250107"))
                .rrule("FREQ=DAILY;UNTIL=20250108T000000Z").build();
        ParsedEvent moved = event("ooo").recurrenceId(date("20250107")).start(date("20250110"))
                .end(date("20250111")).build();
        assertEquals(List.of(ldt("2025-01-06T00:00"), ldt("2025-01-08T00:00"), ldt("2025-01-10T00:00")),
                starts(expand(year2025(NEW_YORK), master, moved), NEW_YORK));
    }

    @Test
    void untilInUtcIsComparedAsAnInstantAndUntilAsDateIncludesThatDay() {
        ParsedEvent inclusive = event("u1").start(time("20250103T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;UNTIL=20250105T080000Z").build();
        assertEquals(3, expand(year2025(BERLIN), inclusive).occurrences().size());
        ParsedEvent justBefore = event("u2").start(time("20250103T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;UNTIL=20250105T075959Z").build();
        assertEquals(2, expand(year2025(BERLIN), justBefore).occurrences().size());
        ParsedEvent asDate = event("u3").start(time("20250103T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;UNTIL=20250105").build();
        assertEquals(3, expand(year2025(BERLIN), asDate).occurrences().size());
        ParsedEvent floating = event("u4").start(time("20250103T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY;UNTIL=20250105T085959").build();
        assertEquals(2, expand(year2025(BERLIN), floating).occurrences().size());
    }

    @Test
    void anOldWeeklySeriesStillShowsThisWeek() {
        Instant now = Instant.parse("2026-06-10T12:00:00Z"); // a Wednesday
        RecurrenceWorker worker = new RecurrenceWorker();
        worker.configure(ConfigProxy.of(RecurrenceWorker.Config.class, Map.of()));
        ExpansionWindow w = worker.window(now, BERLIN);
        LocalDateTime threeYearsAgo = LocalDateTime.of(2023, 6, 8, 10, 0); // a Thursday
        ParsedEvent weekly = event("old").start(EventTime.of(threeYearsAgo, BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;BYDAY=TH").build();
        Expansion e = RecurrenceWorker.expandNow("work", List.of(weekly), w);
        assertEquals(ldt("2026-06-11T10:00"), wall(e.occurrences().get(0), BERLIN));
        assertEquals(53, e.occurrences().size());
        assertEquals(0, e.seriesCapped());
        worker.deactivate();

        ParsedEvent daily = event("old-daily").start(EventTime.of(threeYearsAgo, BERLIN)).duration(HOUR)
                .rrule("FREQ=DAILY").build();
        Expansion capped = RecurrenceWorker.expandNow("work", List.of(daily), w);
        assertEquals(250, capped.occurrences().size());
        assertEquals(ldt("2026-06-10T10:00"), wall(capped.occurrences().get(0), BERLIN));
        assertEquals(1, capped.seriesCapped());
    }

    @Test
    void anOldSeriesWithCountIsCountedFromDtstart() {
        ExpansionWindow june2026 = window(at("20260601T000000"), at("20260701T000000"), BERLIN, 250);
        // 2023-06-08 + 159 weeks = 2026-06-25: the last of 160 instances
        ParsedEvent counted = event("counted").start(time("20230608T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;COUNT=160").build();
        assertEquals(List.of(ldt("2026-06-04T10:00"), ldt("2026-06-11T10:00"), ldt("2026-06-18T10:00"),
                ldt("2026-06-25T10:00")), starts(expand(june2026, counted), BERLIN));
        ParsedEvent countedByDay = event("counted2").start(time("20230608T100000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;BYDAY=TH,FR;COUNT=319").build(); // 159 weeks x 2 + the last Thursday
        assertEquals(List.of(ldt("2026-06-04T10:00"), ldt("2026-06-05T10:00"), ldt("2026-06-11T10:00"),
                ldt("2026-06-12T10:00"), ldt("2026-06-18T10:00"), ldt("2026-06-19T10:00"), ldt("2026-06-25T10:00")),
                starts(expand(june2026, countedByDay), BERLIN));
    }

    @Test
    void biweeklyFromASundayDependsOnTheWeekStart() {
        ExpansionWindow january = window(at("20250101T000000"), at("20250203T000000"), BERLIN, 100);
        ParsedEvent mo = event("mo").start(time("20250105T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,FR,SU").build();
        // weeks start on Monday: 5 January closes the week of 30 December; the next week counted is 13-19 January
        assertEquals(List.of(ldt("2025-01-05T09:00"), ldt("2025-01-16T09:00"), ldt("2025-01-17T09:00"),
                ldt("2025-01-19T09:00"), ldt("2025-01-30T09:00"), ldt("2025-01-31T09:00"), ldt("2025-02-02T09:00")),
                starts(expand(january, mo), BERLIN));
        ParsedEvent su = event("su").start(time("20250105T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,FR,SU;WKST=SU").build();
        assertEquals(List.of(ldt("2025-01-05T09:00"), ldt("2025-01-09T09:00"), ldt("2025-01-10T09:00"),
                ldt("2025-01-19T09:00"), ldt("2025-01-23T09:00"), ldt("2025-01-24T09:00"), ldt("2025-02-02T09:00")),
                starts(expand(january, su), BERLIN));
    }

    @Test
    void severalRulesAreUnitedWithoutDuplicates() {
        ParsedEvent master = event("two").start(time("20250106T090000", BERLIN)).duration(HOUR)
                .rrule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4").rrule("FREQ=WEEKLY;BYDAY=WE,FR;COUNT=4").build();
        assertEquals(List.of(ldt("2025-01-06T09:00"), ldt("2025-01-08T09:00"), ldt("2025-01-10T09:00"),
                ldt("2025-01-13T09:00"), ldt("2025-01-15T09:00"), ldt("2025-01-17T09:00")),
                starts(expand(year2025(BERLIN), master), BERLIN));
    }

    @Test
    void abusiveRulesFinishAndAreCounted() {
        ExpansionWindow w = window(at("20260601T000000"), at("20270701T000000"), UTC, 250);
        EventTime threeYearsAgo = time("20230601T000000", UTC);
        ParsedEvent everySecond = event("s").start(threeYearsAgo).rrule("FREQ=SECONDLY").build();
        ParsedEvent billion = event("b").start(threeYearsAgo).rrule("FREQ=SECONDLY;COUNT=1000000000").build();
        ParsedEvent sparse = event("m").start(threeYearsAgo).rrule("FREQ=SECONDLY;COUNT=1000000000;BYMINUTE=5").build();
        ParsedEvent never = event("n").start(threeYearsAgo).rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").build();
        ParsedEvent neverCounted = event("nc").start(threeYearsAgo)
                .rrule("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1;COUNT=3").build();
        Expansion e = new FeedExpansion("abuse", w, 200_000, Integer.MAX_VALUE)
                .run(List.of(everySecond, billion, sparse, never, neverCounted));
        assertEquals(5, e.series());
        assertEquals(3, e.seriesCapped() + e.seriesOverBudget(), e.toString());
        assertEquals(500, e.occurrences().stream().filter(o -> !o.event().uid().equals("m")).count());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("event m") && p.contains("cut")), e.problems()::toString);
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("event n") && p.contains("never occurs")),
                e.problems()::toString);
    }

    @Test
    void invalidRulesAreReportedAndTheirEventStillShowsOnce() {
        String[] bad = {"FREQ=MONTHLY;BYMONTHDAY=32", "BYDAY=MO", "FREQ=MONTHLY;BYWEEKNO=3", "FREQ=WEEKLY;BYDAY=2MO",
            "FREQ=DAILY;BYDAY=XX", "FREQ=DAILY;INTERVAL=-1", "FREQ=DAILY;UNTIL=2025", "FREQ=WEEKLY;BYMONTHDAY=3",
            "FREQ=DAILY;BYSETPOS=1", "FREQ=DAILY;BYHOUR=24"};
        for (String rule : bad) {
            ParsedEvent master = event("bad").start(time("20250106T090000", BERLIN)).duration(HOUR).rrule(rule).build();
            Expansion e = expand(year2025(BERLIN), master);
            assertEquals(List.of(ldt("2025-01-06T09:00")), starts(e, BERLIN), rule);
            assertEquals(1, e.problems().size(), rule);
            assertTrue(e.problems().get(0).contains("bad (line 1)"), e.problems().get(0));
        }
    }

    @Test
    void singlesAndOrphanOverridesOverlappingTheWindowAreKept() {
        ExpansionWindow w = window(at("20250110T120000"), at("20250111T000000"), BERLIN, 100);
        ParsedEvent running = event("running").start(time("20250110T110000", BERLIN)).duration(Duration.ofHours(2)).build();
        ParsedEvent over = event("over").start(time("20250110T100000", BERLIN)).duration(HOUR).build();
        ParsedEvent endsAtFrom = event("edge").start(time("20250110T110000", BERLIN)).duration(HOUR).build();
        ParsedEvent later = event("later").start(time("20250110T180000", BERLIN)).end(time("20250110T190000", BERLIN)).build();
        ParsedEvent tomorrow = event("tomorrow").start(time("20250111T000000", BERLIN)).duration(HOUR).build();
        ParsedEvent orphan = event("orphan").recurrenceId(time("20250103T150000", BERLIN))
                .start(time("20250110T150000", BERLIN)).duration(HOUR).build();
        Expansion e = expand(w, running, over, endsAtFrom, later, tomorrow, orphan);
        assertEquals(List.of("running", "orphan", "later"),
                e.occurrences().stream().map(o -> o.event().uid()).toList());
        Occurrence o = e.occurrences().get(1);
        assertEquals(Instant.parse("2025-01-03T14:00:00Z").getEpochSecond(), o.originalStart());
        assertEquals(0, e.series());
    }

    @Test
    void occurrencesAreSortedByStartThenEndThenId() {
        EventTime nine = time("20250110T090000", BERLIN);
        ParsedEvent b = event("b").start(nine).duration(HOUR).build();
        ParsedEvent a = event("a").start(nine).duration(HOUR).build();
        ParsedEvent ab = event("a_b").start(nine).duration(HOUR).build();
        ParsedEvent shortOne = event("z").start(nine).duration(Duration.ofMinutes(30)).build();
        ParsedEvent early = event("y").start(time("20250110T083000", BERLIN)).duration(Duration.ofHours(3)).build();
        Expansion e = expand(year2025(BERLIN), b, a, ab, shortOne, early);
        List<String> ids = e.occurrences().stream().map(Occurrence::id).toList();
        assertEquals(List.of("y_20250110T073000", "z_20250110T080000", "a_20250110T080000", "a_b_20250110T080000",
                "b_20250110T080000"), ids);
        List<String> byIdOnly = e.occurrences().subList(2, 5).stream().map(Occurrence::id).sorted().toList();
        assertEquals(byIdOnly, ids.subList(2, 5));
    }

    @Test
    void aRecurringAllDayEventInAMultiDayWindowCountsDaysNotHours() {
        ParsedEvent weekend = event("weekend").start(date("20250104")).end(date("20250106"))
                .rrule("FREQ=WEEKLY;COUNT=2").build();
        Expansion e = expand(year2025(UTC), weekend);
        assertEquals(List.of(LocalDate.of(2025, 1, 4).atStartOfDay(), LocalDate.of(2025, 1, 11).atStartOfDay()),
                starts(e, UTC));
        assertEquals(2 * 86_400, e.occurrences().get(0).end() - e.occurrences().get(0).start());
        assertFalse(e.occurrences().isEmpty());
        assertEquals(Instant.parse("2025-01-04T00:00:00Z").truncatedTo(ChronoUnit.DAYS).getEpochSecond(),
                e.occurrences().get(0).originalStart());
    }
}
