package calendarbot.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IsoTimesTest {

    private static final long FOUR_PM_UTC = Instant.parse("2026-11-24T16:00:00Z").getEpochSecond();

    @Test
    void utcInWholeSecondsWithAZ() {
        assertEquals("2026-11-24T16:00:00Z", IsoTimes.utc(FOUR_PM_UTC));
        assertEquals("2026-11-24T16:00:00Z", IsoTimes.utc(Instant.parse("2026-11-24T16:00:00.987Z")));
        assertNull(IsoTimes.utc((Instant) null));
    }

    @Test
    void localWithTheZonesOffsetOnThatDay() {
        assertEquals("2026-11-24T17:00:00+01:00", IsoTimes.local(FOUR_PM_UTC, ZoneId.of("Europe/Berlin")));
        assertEquals("2026-07-01T18:00:00+02:00",
                IsoTimes.local(Instant.parse("2026-07-01T16:00:00Z").getEpochSecond(), ZoneId.of("Europe/Berlin")));
        assertEquals("2026-11-24T16:00:00Z", IsoTimes.local(FOUR_PM_UTC, ZoneId.of("UTC")));
    }

    @Test
    void theDateIsTheZones() {
        assertEquals("2026-11-24", IsoTimes.date(FOUR_PM_UTC, ZoneId.of("America/Los_Angeles")));
        assertEquals("2026-11-25", IsoTimes.date(FOUR_PM_UTC, ZoneId.of("Pacific/Auckland")));
    }
}
