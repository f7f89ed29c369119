package calendarbot.rrule.internal;

import static calendarbot.api.EventBuilder.event;
import static calendarbot.rrule.internal.TestEvents.NEW_YORK;
import static calendarbot.rrule.internal.TestEvents.at;
import static calendarbot.rrule.internal.TestEvents.time;
import static org.junit.jupiter.api.Assertions.assertEquals;

import calendarbot.api.model.Expansion;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5545 section 3.8.5.3's examples, with the dates the RFC publishes, in America/New_York. */
class RfcExamplesTest {

    private static List<LocalDateTime> expand(String dtstart, String rrule, int first) {
        return expand(dtstart, rrule, first, null);
    }

    private static List<LocalDateTime> expand(String dtstart, String rrule, int first, String exdate) {
        var b = event("rfc").start(time(dtstart, NEW_YORK)).duration(Duration.ofHours(1)).rrule(rrule);
        if (exdate != null) {
            b.exdate(time(exdate, NEW_YORK));
        }
        ParsedEvent master = b.build();
        Expansion e = TestEvents.expand(TestEvents.window(at("19960101T000000"), at("20100101T000000"), NEW_YORK,
                5000), master);
        assertEquals(List.of(), e.problems());
        List<LocalDateTime> all = TestEvents.starts(e, NEW_YORK);
        return all.subList(0, Math.min(first, all.size()));
    }

    /** 09:00 on the given days of one month ("1997-09"). */
    private static List<LocalDateTime> on(String yearMonth, int... days) {
        return atTime(yearMonth, LocalTime.of(9, 0), days);
    }

    private static List<LocalDateTime> atTime(String yearMonth, LocalTime time, int... days) {
        List<LocalDateTime> out = new ArrayList<>();
        for (int d : days) {
            out.add(LocalDate.parse(yearMonth + "-01").withDayOfMonth(d).atTime(time));
        }
        return out;
    }

    private static List<LocalDateTime> range(String yearMonth, int fromDay, int toDay) {
        List<LocalDateTime> out = new ArrayList<>();
        for (int d = fromDay; d <= toDay; d++) {
            out.add(LocalDate.parse(yearMonth + "-01").withDayOfMonth(d).atTime(9, 0));
        }
        return out;
    }

    @SafeVarargs
    private static List<LocalDateTime> join(List<LocalDateTime>... parts) {
        List<LocalDateTime> out = new ArrayList<>();
        for (List<LocalDateTime> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    private static List<LocalDateTime> times(String day, String... hhmm) {
        List<LocalDateTime> out = new ArrayList<>();
        for (String t : hhmm) {
            out.add(LocalDate.parse(day).atTime(LocalTime.parse(t)));
        }
        return out;
    }

    @Test
    void dailyForTenOccurrences() {
        assertEquals(range("1997-09", 2, 11), expand("19970902T090000", "FREQ=DAILY;COUNT=10", 100));
    }

    @Test
    void dailyUntilDecember24() {
        assertEquals(join(range("1997-09", 2, 30), range("1997-10", 1, 31), range("1997-11", 1, 30),
                range("1997-12", 1, 23)), expand("19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000Z", 1000));
    }

    @Test
    void everyOtherDay() {
        assertEquals(join(on("1997-09", 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30),
                on("1997-10", 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), on("1997-11", 1, 3)),
                expand("19970902T090000", "FREQ=DAILY;INTERVAL=2", 32));
    }

    @Test
    void everyTenDaysFiveOccurrences() {
        assertEquals(join(on("1997-09", 2, 12, 22), on("1997-10", 2, 12)),
                expand("19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5", 100));
    }

    @Test
    void everyDayInJanuaryForThreeYearsBothForms() {
        List<LocalDateTime> expected = join(range("1998-01", 1, 31), range("1999-01", 1, 31),
                range("2000-01", 1, 31));
        assertEquals(expected, expand("19980101T090000",
                "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", 1000));
        assertEquals(expected, expand("19980101T090000", "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", 1000));
    }

    @Test
    void weeklyForTenOccurrences() {
        assertEquals(join(on("1997-09", 2, 9, 16, 23, 30), on("1997-10", 7, 14, 21, 28), on("1997-11", 4)),
                expand("19970902T090000", "FREQ=WEEKLY;COUNT=10", 100));
    }

    @Test
    void weeklyUntilDecember24() {
        assertEquals(join(on("1997-09", 2, 9, 16, 23, 30), on("1997-10", 7, 14, 21, 28),
                on("1997-11", 4, 11, 18, 25), on("1997-12", 2, 9, 16, 23)),
                expand("19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000Z", 100));
    }

    @Test
    void everyOtherWeek() {
        assertEquals(join(on("1997-09", 2, 16, 30), on("1997-10", 14, 28), on("1997-11", 11, 25),
                on("1997-12", 9, 23), on("1998-01", 6, 20), on("1998-02", 3, 17)),
                expand("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", 13));
    }

    @Test
    void weeklyOnTuesdayAndThursdayForFiveWeeksBothForms() {
        List<LocalDateTime> expected = join(on("1997-09", 2, 4, 9, 11, 16, 18, 23, 25, 30), on("1997-10", 2));
        assertEquals(expected, expand("19970902T090000", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", 100));
        assertEquals(expected, expand("19970902T090000", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", 100));
    }

    @Test
    void everyOtherWeekOnMondayWednesdayFridayUntilDecember24() {
        assertEquals(join(on("1997-09", 1, 3, 5, 15, 17, 19, 29), on("1997-10", 1, 3, 13, 15, 17, 27, 29, 31),
                on("1997-11", 10, 12, 14, 24, 26, 28), on("1997-12", 8, 10, 12, 22)),
                expand("19970901T090000", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", 100));
    }

    @Test
    void everyOtherWeekOnTuesdayAndThursdayForEightOccurrences() {
        assertEquals(join(on("1997-09", 2, 4, 16, 18, 30), on("1997-10", 2, 14, 16)),
                expand("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", 100));
    }

    @Test
    void monthlyOnTheFirstFriday() {
        assertEquals(join(on("1997-09", 5), on("1997-10", 3), on("1997-11", 7), on("1997-12", 5), on("1998-01", 2),
                on("1998-02", 6), on("1998-03", 6), on("1998-04", 3), on("1998-05", 1), on("1998-06", 5)),
                expand("19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", 100));
        assertEquals(join(on("1997-09", 5), on("1997-10", 3), on("1997-11", 7), on("1997-12", 5)),
                expand("19970905T090000", "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", 100));
    }

    @Test
    void everyOtherMonthOnFirstAndLastSunday() {
        assertEquals(join(on("1997-09", 7, 28), on("1997-11", 2, 30), on("1998-01", 4, 25), on("1998-03", 1, 29),
                on("1998-05", 3, 31)),
                expand("19970907T090000", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", 100));
    }

    @Test
    void monthlyOnTheSecondToLastMonday() {
        assertEquals(join(on("1997-09", 22), on("1997-10", 20), on("1997-11", 17), on("1997-12", 22),
                on("1998-01", 19), on("1998-02", 16)),
                expand("19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", 100));
    }

    @Test
    void monthlyOnTheThirdToLastDay() {
        assertEquals(join(on("1997-09", 28), on("1997-10", 29), on("1997-11", 28), on("1997-12", 29),
                on("1998-01", 29), on("1998-02", 26), on("1998-03", 29)),
                expand("19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3", 7));
    }

    @Test
    void monthlyOnTheSecondAndFifteenth() {
        assertEquals(join(on("1997-09", 2, 15), on("1997-10", 2, 15), on("1997-11", 2, 15), on("1997-12", 2, 15),
                on("1998-01", 2, 15)), expand("19970902T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", 100));
    }

    @Test
    void monthlyOnTheFirstAndLastDay() {
        assertEquals(join(on("1997-09", 30), on("1997-10", 1, 31), on("1997-11", 1, 30), on("1997-12", 1, 31),
                on("1998-01", 1, 31), on("1998-02", 1)),
                expand("19970930T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", 100));
    }

    @Test
    void everyEighteenMonthsOnTheTenthToFifteenth() {
        assertEquals(join(range("1997-09", 10, 15), range("1999-03", 10, 13)),
                expand("19970910T090000", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", 100));
    }

    @Test
    void everyTuesdayEveryOtherMonth() {
        assertEquals(join(on("1997-09", 2, 9, 16, 23, 30), on("1997-11", 4, 11, 18, 25), on("1998-01", 6, 13, 20, 27),
                on("1998-03", 3, 10, 17, 24, 31)),
                expand("19970902T090000", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", 18));
    }

    @Test
    void yearlyInJuneAndJuly() {
        List<LocalDateTime> expected = new ArrayList<>();
        for (int y = 1997; y <= 2001; y++) {
            expected.add(LocalDateTime.of(y, 6, 10, 9, 0));
            expected.add(LocalDateTime.of(y, 7, 10, 9, 0));
        }
        assertEquals(expected, expand("19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", 100));
    }

    @Test
    void everyOtherYearInJanuaryFebruaryMarch() {
        assertEquals(join(on("1997-03", 10), on("1999-01", 10), on("1999-02", 10), on("1999-03", 10),
                on("2001-01", 10), on("2001-02", 10), on("2001-03", 10), on("2003-01", 10), on("2003-02", 10),
                on("2003-03", 10)), expand("19970310T090000", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", 100));
    }

    @Test
    void everyThirdYearOnThe1st100thAnd200thDay() {
        assertEquals(join(on("1997-01", 1), on("1997-04", 10), on("1997-07", 19), on("2000-01", 1), on("2000-04", 9),
                on("2000-07", 18), on("2003-01", 1), on("2003-04", 10), on("2003-07", 19), on("2006-01", 1)),
                expand("19970101T090000", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", 100));
    }

    @Test
    void every20thMondayOfTheYear() {
        assertEquals(join(on("1997-05", 19), on("1998-05", 18), on("1999-05", 17)),
                expand("19970519T090000", "FREQ=YEARLY;BYDAY=20MO", 3));
    }

    @Test
    void mondayOfWeekNumber20() {
        assertEquals(join(on("1997-05", 12), on("1998-05", 11), on("1999-05", 17)),
                expand("19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", 3));
    }

    @Test
    void everyThursdayInMarch() {
        assertEquals(join(on("1997-03", 13, 20, 27), on("1998-03", 5, 12, 19, 26), on("1999-03", 4, 11, 18, 25)),
                expand("19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", 11));
    }

    @Test
    void everyThursdayOnlyInJuneJulyAugust() {
        assertEquals(join(on("1997-06", 5, 12, 19, 26), on("1997-07", 3, 10, 17, 24, 31), on("1997-08", 7, 14, 21, 28),
                on("1998-06", 4, 11, 18, 25), on("1998-07", 2, 9, 16, 23, 30), on("1998-08", 6, 13, 20, 27),
                on("1999-06", 3, 10, 17, 24), on("1999-07", 1, 8, 15, 22, 29), on("1999-08", 5, 12, 19, 26)),
                expand("19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", 39));
    }

    @Test
    void everyFridayThe13th() {
        assertEquals(join(on("1998-02", 13), on("1998-03", 13), on("1998-11", 13), on("1999-08", 13),
                on("2000-10", 13)),
                expand("19970902T090000", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", 5, "19970902T090000"));
    }

    @Test
    void firstSaturdayAfterTheFirstSunday() {
        assertEquals(join(on("1997-09", 13), on("1997-10", 11), on("1997-11", 8), on("1997-12", 13), on("1998-01", 10),
                on("1998-02", 7), on("1998-03", 7), on("1998-04", 11), on("1998-05", 9), on("1998-06", 13)),
                expand("19970913T090000", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", 10));
    }

    @Test
    void usPresidentialElectionDay() {
        assertEquals(join(on("1996-11", 5), on("2000-11", 7), on("2004-11", 2)),
                expand("19961105T090000", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", 3));
    }

    @Test
    void thirdInstanceOfTuesdayWednesdayThursdayForThreeMonths() {
        assertEquals(join(on("1997-09", 4), on("1997-10", 7), on("1997-11", 6)),
                expand("19970904T090000", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", 100));
    }

    @Test
    void secondToLastWeekdayOfTheMonth() {
        assertEquals(join(on("1997-09", 29), on("1997-10", 30), on("1997-11", 27), on("1997-12", 30),
                on("1998-01", 29), on("1998-02", 26), on("1998-03", 30)),
                expand("19970929T090000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", 7));
    }

    @Test
    void everyThreeHoursOnOneDay() {
        assertEquals(times("1997-09-02", "09:00", "12:00", "15:00"),
                expand("19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", 100));
    }

    @Test
    void everyFifteenMinutesForSix() {
        assertEquals(times("1997-09-02", "09:00", "09:15", "09:30", "09:45", "10:00", "10:15"),
                expand("19970902T090000", "FREQ=MINUTELY;INTERVAL=15;COUNT=6", 100));
    }

    @Test
    void everyHourAndAHalfForFour() {
        assertEquals(times("1997-09-02", "09:00", "10:30", "12:00", "13:30"),
                expand("19970902T090000", "FREQ=MINUTELY;INTERVAL=90;COUNT=4", 100));
    }

    @Test
    void everyTwentyMinutesFromNineToFourFortyBothForms() {
        List<LocalDateTime> expected = new ArrayList<>();
        for (String day : List.of("1997-09-02", "1997-09-03")) {
            for (int h = 9; h <= 16; h++) {
                for (int m = 0; m < 60; m += 20) {
                    expected.add(LocalDate.parse(day).atTime(h, m));
                }
            }
        }
        assertEquals(expected, expand("19970902T090000",
                "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", 48));
        assertEquals(expected, expand("19970902T090000",
                "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", 48));
    }

    @Test
    void weekStartMondayAndSundayGiveDifferentDays() {
        assertEquals(on("1997-08", 5, 10, 19, 24),
                expand("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", 100));
        assertEquals(on("1997-08", 5, 17, 19, 31),
                expand("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", 100));
        // WKST is MO when absent, whatever the JVM's locale says
        assertEquals(on("1997-08", 5, 10, 19, 24),
                expand("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU", 100));
    }

    @Test
    void february30IsIgnored() {
        assertEquals(join(on("2007-01", 15, 30), on("2007-02", 15), on("2007-03", 15, 30)),
                expand("20070115T090000", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", 100));
    }
}
