package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import calendarbot.api.model.EventTime;
import calendarbot.parser.shared.EventEnd;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventEndTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static EventTime at(String local, ZoneId zone) {
        return new EventTime(LocalDateTime.parse(local), zone.getRules(), zone.getId(), false);
    }

    /** What EventTime's instants say, the comparison endsBeforeStart must agree with. */
    static boolean byInstants(EventTime start, EventTime end) {
        return EventTime.toInstant(end.local(), end.zone()).isBefore(EventTime.toInstant(start.local(), start.zone()));
    }

    @Test
    void endBeforeStartAgreesWithTheInstantsInGapsOverlapsAndAcrossZones() {
        String[][] pairs = {
            {"2026-03-29T02:30:00", "2026-03-29T01:45:00"}, // start in Berlin's gap
            {"2026-03-29T01:45:00", "2026-03-29T02:15:00"}, // end in the gap
            {"2026-10-25T02:30:00", "2026-10-25T02:10:00"}, // both in the overlap
            {"2026-10-25T02:59:59", "2026-10-25T02:00:00"},
            {"2026-06-01T09:00:00", "2026-06-01T09:00:00"}, // equal
            {"2026-06-01T09:00:00", "2026-06-01T08:59:59"},
        };
        for (String[] p : pairs) {
            for (ZoneId endZone : new ZoneId[] {BERLIN, NEW_YORK}) {
                EventTime start = at(p[0], BERLIN);
                EventTime end = at(p[1], endZone);
                assertEquals(byInstants(start, end), EventEnd.endsBeforeStart(start, end), p[0] + " " + p[1]
                        + " " + endZone);
            }
        }
    }

    @Test
    void fractionsOfASecondCountAsInAnInstant() {
        EventTime start = at("2026-06-01T09:00:00.500", BERLIN);
        assertEquals(true, EventEnd.endsBeforeStart(start, at("2026-06-01T09:00:00.250", BERLIN)));
        assertEquals(false, EventEnd.endsBeforeStart(start, at("2026-06-01T09:00:00.500", BERLIN)));
    }

    @Test
    void datesCompareTheirDays() {
        EventTime day = EventTime.ofDate(LocalDate.of(2026, 6, 2));
        assertEquals(true, EventEnd.endsBeforeStart(day, EventTime.ofDate(LocalDate.of(2026, 6, 1))));
        assertEquals(false, EventEnd.endsBeforeStart(day, at("2026-06-02T00:00:00", NEW_YORK)));
    }
}
