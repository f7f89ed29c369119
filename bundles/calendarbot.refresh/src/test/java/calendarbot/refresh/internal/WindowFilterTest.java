package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import calendarbot.api.EventBuilder;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowFilterTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ExpansionWindow WINDOW = new ExpansionWindow(Instant.parse("2026-11-23T00:00:00Z"),
            Instant.parse("2027-11-24T00:00:00Z"), BERLIN, 250, 200);

    private static ParsedEvent event(String uid, EventTime start, Duration length, List<String> rrules,
            EventTime recurrenceId) {
        EventBuilder e = EventBuilder.event(uid).start(start).duration(length).recurrenceId(recurrenceId);
        if (rrules != null) {
            rrules.forEach(e::rrule);
        }
        return e.build();
    }

    private static EventTime at(String utc) {
        return EventTime.ofUtc(LocalDateTime.parse(utc));
    }

    @Test
    void singlesOutsideTheWindowAreDroppedSeriesAndOverridesKept() {
        List<String> kept = new ArrayList<>();
        WindowFilter filter = new WindowFilter(WINDOW, e -> kept.add(e.uid()));
        filter.accept(event("old-single", at("2023-05-01T10:00"), Duration.ofHours(1), null, null));
        filter.accept(event("still-running", at("2026-11-20T10:00"), Duration.ofDays(5), null, null));
        filter.accept(event("today", at("2026-11-24T10:00"), Duration.ofHours(1), null, null));
        filter.accept(event("far-future", at("2028-01-01T10:00"), Duration.ofHours(1), null, null));
        filter.accept(event("old-series", at("2020-01-06T09:00"), Duration.ofMinutes(15), List.of("FREQ=WEEKLY"), null));
        filter.accept(event("moved-away", at("2023-01-01T09:00"), Duration.ofMinutes(15), null,
                at("2026-11-30T09:00")));
        filter.accept(event("all-day-yesterday", EventTime.ofDate(LocalDate.of(2026, 11, 22)), null, null, null));
        assertEquals(List.of("still-running", "today", "old-series", "moved-away", "all-day-yesterday"), kept);
        assertEquals(2, filter.dropped());
    }
}
