package calendarbot.medicine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    static Schedule times(String... times) {
        return new Schedule(List.of(times).stream().map(LocalTime::parse).toList(), Set.of(), null, null);
    }

    static Schedule every(int hours, String first, String starts) {
        return new Schedule(List.of(LocalTime.parse(first)), Set.of(), hours, LocalDate.parse(starts));
    }

    static LocalDateTime at(String local) {
        return LocalDateTime.parse(local);
    }

    @Test
    void timesOfDayOnChosenWeekdays() {
        Schedule s = new Schedule(List.of(LocalTime.of(20, 0), LocalTime.of(8, 0)),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), null, null);
        // 2026-03-02 is a Monday
        assertEquals(List.of(at("2026-03-02T08:00"), at("2026-03-02T20:00"), at("2026-03-04T08:00"),
                at("2026-03-04T20:00")), s.slots(at("2026-03-02T00:00"), at("2026-03-08T23:59")));
    }

    @Test
    void aTimeTheClocksSkipIsDueRightAfterTheJumpAndTheDaysOtherTimesKeepTheirWallClock() {
        // 2026-03-08: Los Angeles goes from 02:00 PST straight to 03:00 PDT
        Schedule s = times("02:30", "08:00");
        List<LocalDateTime> slots = s.slots(Instant.parse("2026-03-08T08:00:00Z"),
                Instant.parse("2026-03-09T08:00:00Z"), LA);
        assertEquals(List.of(at("2026-03-08T02:30"), at("2026-03-08T08:00")), slots);
        assertEquals(Instant.parse("2026-03-08T10:30:00Z"), Schedule.instant(at("2026-03-08T02:30"), LA), "03:30 PDT");
        assertEquals(Instant.parse("2026-03-08T15:00:00Z"), Schedule.instant(at("2026-03-08T08:00"), LA), "08:00 PDT");
        assertEquals(Instant.parse("2026-03-07T16:00:00Z"), Schedule.instant(at("2026-03-07T08:00"), LA), "08:00 PST");
    }

    @Test
    void aTimeThatHappensTwiceIsOneSlotDueTheFirstTime() {
        // 2026-11-01: 01:00-02:00 PDT, then 01:00-02:00 PST again
        Schedule s = times("01:30");
        List<LocalDateTime> slots = s.slots(Instant.parse("2026-11-01T07:00:00Z"),
                Instant.parse("2026-11-01T11:00:00Z"), LA);
        assertEquals(List.of(at("2026-11-01T01:30")), slots);
        assertEquals(Instant.parse("2026-11-01T08:30:00Z"), Schedule.instant(at("2026-11-01T01:30"), LA));
    }

    @Test
    void everyEightHoursCrossesMidnight() {
        Schedule s = every(8, "22:00", "2026-02-10");
        assertEquals(List.of(at("2026-02-10T22:00"), at("2026-02-11T06:00"), at("2026-02-11T14:00"),
                at("2026-02-11T22:00")), s.slots(at("2026-02-10T00:00"), at("2026-02-11T23:00")));
        assertTrue(s.slots(at("2026-02-09T00:00"), at("2026-02-10T21:59")).isEmpty(), "nothing before the first dose");
        assertTrue(s.hasSlot(at("2026-02-20T06:00")));
        assertTrue(!s.hasSlot(at("2026-02-20T07:00")));
    }

    @Test
    void everyEightHoursKeepsItsWallClockAcrossTheChangeToSummerTime() {
        Schedule s = every(8, "22:00", "2026-03-01");
        List<LocalDateTime> slots = s.slots(Instant.parse("2026-03-08T05:00:00Z"),
                Instant.parse("2026-03-08T22:00:00Z"), LA);
        assertEquals(List.of(at("2026-03-07T22:00"), at("2026-03-08T06:00"), at("2026-03-08T14:00")), slots);
        // 22:00 PST to 06:00 PDT is seven hours of real time: the night the clocks go forward is shorter
        assertEquals(7 * 3600, Schedule.instant(at("2026-03-08T06:00"), LA).getEpochSecond()
                - Schedule.instant(at("2026-03-07T22:00"), LA).getEpochSecond());
    }

    @Test
    void anIntervalThatIsNoDivisorOfADayDriftsFromItsFirstDay() {
        Schedule s = every(5, "07:00", "2026-05-01");
        assertEquals(List.of(at("2026-05-02T03:00"), at("2026-05-02T08:00"), at("2026-05-02T13:00"),
                at("2026-05-02T18:00"), at("2026-05-02T23:00")), s.slots(at("2026-05-02T00:00"), at("2026-05-02T23:59")));
    }

    @Test
    void asNeededHasNoSlots() {
        assertTrue(Schedule.asNeeded().slots(at("2026-01-01T00:00"), at("2026-12-31T00:00")).isEmpty());
        assertTrue(Schedule.asNeeded().asNeededOnly());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> every(0, "08:00", "2026-01-01"));
        assertThrows(IllegalArgumentException.class, () -> every(169, "08:00", "2026-01-01"));
        assertThrows(IllegalArgumentException.class, () -> times("08:00", "08:00"));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(
                List.of(LocalTime.of(8, 0), LocalTime.of(9, 0)), Set.of(), 6, LocalDate.of(2026, 1, 1)));
    }
}
