package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.shared.ParseProblems;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsAwaitingZoneTest {

    final ParseProblems problems = new ParseProblems();
    final ZoneResolver zones = new ZoneResolver(ZoneId.of("America/Chicago"), problems);
    final List<ParsedEvent> handedOn = new ArrayList<>();
    final EventsAwaitingZone awaiting = new EventsAwaitingZone(zones, problems, handedOn::add);

    /** An event at 09:00 in a TZID nobody has defined yet, as the VEVENT reader leaves it. */
    static ParsedEvent at(String uid, String tzid) {
        EventTime start = new EventTime(LocalDateTime.of(2026, 3, 2, 9, 0), null, tzid, false);
        return new ParsedEvent(uid, "Stand-up", null, null, start, null, null, List.of(), List.of(), List.of(), null,
                false, 0, null, null, null, null, false, null, 0, null, null, 7);
    }

    @Test
    void anEventWaitsUntilItsVtimezoneIsDefined() {
        zones.lookup("Later Zone", 1);
        zones.lookup("Other Zone", 1);
        awaiting.hold(at("a", "Later Zone"));
        awaiting.hold(at("b", "Other Zone"));

        awaiting.release(false);
        assertEquals(List.of(), handedOn);

        zones.define("Later Zone", "Asia/Tokyo", List.of(), 1);
        awaiting.release(false);
        assertEquals(List.of("a"), handedOn.stream().map(ParsedEvent::uid).toList());
        assertEquals("Asia/Tokyo", handedOn.get(0).start().tzid(), "X-LIC-LOCATION names the zone");
        assertNotNull(handedOn.get(0).start().zone());
        assertEquals(0, zones.fallbacks());
    }

    @Test
    void atTheEndOfTheCalendarTheRestFallsBackWithAWarning() {
        zones.lookup("Nowhere", 1);
        awaiting.hold(at("a", "Nowhere"));

        awaiting.release(true);

        assertEquals("America/Chicago", handedOn.get(0).start().tzid());
        assertEquals(1, zones.fallbacks());
        assertEquals(7, problems.errors().get(0).line());
        assertEquals("tzid-unknown", problems.errors().get(0).rule());
        assertTrue(problems.errors().get(0).reason().contains("TZID 'Nowhere'"), problems.errors().toString());
        assertTrue(problems.errors().get(0).reason().contains("America/Chicago"), problems.errors().toString());
        assertEquals(0, problems.skipped());
    }

    @Test
    void tooManyWaitingEventsAreHandedOnAtOnce() {
        for (int i = 0; i < EventsAwaitingZone.MAX_PENDING; i++) {
            awaiting.hold(at("e" + i, "Nowhere"));
        }
        assertEquals(0, handedOn.size());

        awaiting.hold(at("one-too-many", "Nowhere"));

        assertEquals(EventsAwaitingZone.MAX_PENDING + 1, handedOn.size());
        awaiting.release(true);
        assertEquals(EventsAwaitingZone.MAX_PENDING + 1, handedOn.size(), "nothing held twice");
    }
}
