package calendarbot.rrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import calendarbot.api.model.EventTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import org.junit.jupiter.api.Test;

class ZoneOffsetConverterTest {

    static final ZoneRules BERLIN = ZoneId.of("Europe/Berlin").getRules();

    static long local(String isoLocal) {
        return LocalDateTime.parse(isoLocal).toEpochSecond(ZoneOffset.UTC);
    }

    static long instant(String isoLocal, ZoneRules rules) {
        return EventTime.toInstant(LocalDateTime.parse(isoLocal), rules).getEpochSecond();
    }

    @Test
    void aGapMovesForwardAndAnOverlapTakesTheEarlierOffsetAsRfc5545Says() {
        ZoneOffsetConverter offsets = new ZoneOffsetConverter(BERLIN);
        // 29 March 2026 02:30 does not exist in Berlin: 03:30 CEST, 01:30 UTC
        assertEquals(local("2026-03-29T01:30:00"), offsets.toEpochSecond(local("2026-03-29T02:30:00")));
        // 25 October 2026 02:30 happens twice: the first, CEST, 00:30 UTC
        assertEquals(local("2026-10-25T00:30:00"), offsets.toEpochSecond(local("2026-10-25T02:30:00")));
    }

    @Test
    void aWeeklySeriesAcrossBothTransitionsMatchesTheUncachedConversion() {
        ZoneOffsetConverter offsets = new ZoneOffsetConverter(BERLIN);
        LocalDateTime t = LocalDateTime.parse("2026-01-05T09:00:00");
        for (int week = 0; week < 60; week++, t = t.plusWeeks(1)) {
            long expected = EventTime.toInstant(t, BERLIN).getEpochSecond();
            assertEquals(expected, offsets.toEpochSecond(t.toEpochSecond(ZoneOffset.UTC)), t.toString());
            assertEquals(t.toEpochSecond(ZoneOffset.UTC), offsets.toLocal(expected), t.toString());
        }
        // back in time again after the cached stretch moved on
        assertEquals(instant("2026-03-29T01:59:59", BERLIN), offsets.toEpochSecond(local("2026-03-29T01:59:59")));
        assertEquals(instant("2026-03-29T03:00:00", BERLIN), offsets.toEpochSecond(local("2026-03-29T03:00:00")));
    }

    @Test
    void aFixedOffsetZoneIsOneSubtraction() {
        ZoneOffsetConverter offsets = new ZoneOffsetConverter(ZoneOffset.ofHours(5).getRules());
        assertEquals(local("2026-07-01T04:00:00"), offsets.toEpochSecond(local("2026-07-01T09:00:00")));
        assertEquals(local("2026-07-01T14:00:00"), offsets.toLocal(local("2026-07-01T09:00:00")));
    }
}
