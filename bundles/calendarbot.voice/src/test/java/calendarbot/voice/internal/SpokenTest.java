package calendarbot.voice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void durationsAreSaidAsCalendarbotLiteSaysThem() {
        assertEquals("in 45 seconds", Spoken.duration(45));
        assertEquals("in 1 second", Spoken.duration(1));
        assertEquals("in 30 seconds", Spoken.duration(30));
        assertEquals("in 1 minute", Spoken.duration(60));
        assertEquals("in 1 minute", Spoken.duration(119));
        assertEquals("in 2 minutes", Spoken.duration(120));
        assertEquals("in 59 minutes", Spoken.duration(3599));
        assertEquals("in 1 hour", Spoken.duration(3600));
        assertEquals("in 1 hour and 1 minute", Spoken.duration(3660));
        assertEquals("in 1 hour and 5 minutes", Spoken.duration(3900));
        assertEquals("in 2 hours", Spoken.duration(7200));
        assertEquals("in 2 hours and 2 minutes", Spoken.duration(7320));
        assertEquals("in 23 hours and 59 minutes", Spoken.duration(86399));
        assertEquals("in 1 day", Spoken.duration(86400));
        assertEquals("in 2 days and 3 hours", Spoken.duration(2 * 86400 + 3 * 3600 + 59));
        assertEquals("now", Spoken.duration(0));
        assertEquals("in the past", Spoken.duration(-30));
    }

    @Test
    void timesAreTwelveHourWithoutALeadingZeroNoonAndMidnightByName() {
        assertEquals("9:30 am", Spoken.time(LocalTime.of(9, 30)));
        assertEquals("9:05 am", Spoken.time(LocalTime.of(9, 5)));
        assertEquals("12:30 pm", Spoken.time(LocalTime.of(12, 30)));
        assertEquals("5:00 pm", Spoken.time(LocalTime.of(17, 0)));
        assertEquals("11:00 pm", Spoken.time(LocalTime.of(23, 0)));
        assertEquals("12:15 am", Spoken.time(LocalTime.of(0, 15)));
        assertEquals("noon", Spoken.time(LocalTime.NOON));
        assertEquals("midnight", Spoken.time(LocalTime.MIDNIGHT));
    }

    @Test
    void timesAreSaidInTheAskedZone() {
        long at = Instant.parse("2025-11-05T18:00:00Z").getEpochSecond();
        assertEquals("10:00 am", Spoken.time(at, LA));
        assertEquals("1:00 pm", Spoken.time(at, ZoneId.of("America/New_York")));
        assertEquals("7:00 pm", Spoken.time(at, ZoneId.of("Europe/Berlin")));
        assertEquals("11:30 pm", Spoken.time(at, ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void timesOnDaylightSavingDaysUseThatDaysOffset() {
        // 2026-03-08: Los Angeles springs forward at 2:00; 2026-11-01: falls back at 2:00
        assertEquals("1:30 am", Spoken.time(Instant.parse("2026-03-08T09:30:00Z").getEpochSecond(), LA));
        assertEquals("3:30 am", Spoken.time(Instant.parse("2026-03-08T10:30:00Z").getEpochSecond(), LA));
        assertEquals("9:00 am", Spoken.time(Instant.parse("2026-03-08T16:00:00Z").getEpochSecond(), LA));
        assertEquals("1:30 am", Spoken.time(Instant.parse("2026-11-01T08:30:00Z").getEpochSecond(), LA));
        assertEquals("1:30 am", Spoken.time(Instant.parse("2026-11-01T09:30:00Z").getEpochSecond(), LA));
        assertEquals("9:00 am", Spoken.time(Instant.parse("2026-11-01T17:00:00Z").getEpochSecond(), LA));
    }

    @Test
    void anotherDayIsNamed() {
        Instant now = Instant.parse("2025-11-05T16:00:00Z"); // Wednesday 8:00 in Los Angeles
        assertEquals("at 10:00 am", Spoken.when(Instant.parse("2025-11-05T18:00:00Z").getEpochSecond(), now, LA));
        assertEquals("tomorrow at 9:00 am",
                Spoken.when(Instant.parse("2025-11-06T17:00:00Z").getEpochSecond(), now, LA));
        assertEquals("on Monday at 10:00 am",
                Spoken.when(Instant.parse("2025-11-10T18:00:00Z").getEpochSecond(), now, LA));
        assertEquals("on Wednesday, November 12 at 10:00 am",
                Spoken.when(Instant.parse("2025-11-12T18:00:00Z").getEpochSecond(), now, LA));
    }

    @Test
    void justAfterMidnightIsNotTomorrowWhenItIsMinutesAway() {
        Instant lateEvening = Instant.parse("2025-11-06T07:50:00Z"); // 23:50 in Los Angeles
        assertEquals("at midnight",
                Spoken.when(Instant.parse("2025-11-06T08:00:00Z").getEpochSecond(), lateEvening, LA));
        assertEquals("at 12:30 am",
                Spoken.when(Instant.parse("2025-11-06T08:30:00Z").getEpochSecond(), lateEvening, LA));
        assertEquals("tomorrow at 9:00 am",
                Spoken.when(Instant.parse("2025-11-06T17:00:00Z").getEpochSecond(), lateEvening, LA));
    }

    @Test
    void listsAndSubjects() {
        assertEquals("", Spoken.list(List.of()));
        assertEquals("A", Spoken.list(List.of("A")));
        assertEquals("A and B", Spoken.list(List.of("A", "B")));
        assertEquals("A, B and C", Spoken.list(List.of("A", "B", "C")));
        assertEquals("an untitled meeting", Spoken.subject("  "));
        assertEquals("an untitled meeting", Spoken.subject(null));
        assertEquals("This is a very long meeting",
                Spoken.shortSubject("This is a very long meeting subject that goes on"));
        assertEquals("Quick sync", Spoken.shortSubject("Quick sync"));
        assertEquals("30-minute", Spoken.blockLength(30));
        assertEquals("one-hour", Spoken.blockLength(60));
        assertEquals("1-hour 30-minute", Spoken.blockLength(90));
        assertEquals("4-hour", Spoken.blockLength(240));
    }
}
