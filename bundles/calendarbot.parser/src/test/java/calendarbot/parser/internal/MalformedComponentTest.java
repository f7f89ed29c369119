package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.calendar;
import static calendarbot.parser.internal.Feeds.event;
import static calendarbot.parser.internal.Feeds.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.ParseReport.ParseError;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.shared.ParseProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedComponentTest {

    @Test
    void eventsWithoutATimeAreDroppedAndOthersSalvagedWithTheirLinesAndRules() {
        var result = parse(calendar(
                event("good-1", "DTSTART:20240105T100000Z"),                                // lines 4-7
                event("bad-date", "DTSTART:20241341T100000Z"),                              // lines 8-11
                event("bad-rule", "DTSTART:20240105T100000Z", "RRULE:INTERVAL=2;BYDAY=MO"), // lines 12-16
                event("no-start", "SUMMARY:when?"),                                         // lines 17-20
                event("bad-duration", "DTSTART:20240105T100000Z", "DURATION:one hour"),     // lines 21-25
                event("good-2", "DTSTART:20240106T100000Z")));                              // lines 26-29

        assertEquals(List.of("good-1", "bad-rule", "bad-duration", "good-2"),
                result.events().stream().map(ParsedEvent::uid).toList());
        assertEquals(List.of(), result.byUid("bad-rule").rrules());
        assertEquals(2, result.report().skipped());
        assertEquals(2, result.report().salvaged());
        List<ParseError> errors = result.report().errors();
        assertEquals(List.of(10, 15, 17, 24), errors.stream().map(ParseError::line).toList());
        assertEquals(List.of("dtstart-bad", "rrule-without-freq", "dtstart-missing", "duration-bad"),
                errors.stream().map(ParseError::rule).toList());
        assertEquals(List.of(true, false, true, false), errors.stream().map(ParseError::dropped).toList());
        assertTrue(errors.get(0).reason().contains("DTSTART") && errors.get(0).reason().contains("20241341T100000Z"),
                errors.get(0).reason());
        assertTrue(errors.get(2).reason().contains("no DTSTART"), errors.get(2).reason());
        assertEquals(26, result.byUid("good-2").line());
    }

    @Test
    void anUnclosedEventIsSkippedAndTheNextOneKept() {
        var result = parse(calendar(
                "BEGIN:VEVENT\r\nUID:open\r\nDTSTART:20240105T100000Z",
                event("next", "DTSTART:20240106T100000Z")));

        assertEquals("next", result.only().uid());
        assertEquals(1, result.report().skipped());
        assertEquals(4, result.report().errors().get(0).line());
    }

    @Test
    void anUnclosedAlarmDoesNotSwallowItsEvent() {
        var result = parse(calendar(
                event("e", "DTSTART:20240105T100000Z", "BEGIN:VALARM", "TRIGGER:-PT5M"),
                event("f", "DTSTART:20240106T100000Z")));
        assertEquals(2, result.events().size());
    }

    @Test
    void aBadExdateValueIsDroppedButTheSeriesKept() {
        var result = parse(calendar(event("series", "DTSTART:20240105T100000Z", "RRULE:FREQ=DAILY",
                "EXDATE:20240106T100000Z,garbage,20240107T100000Z")));

        assertEquals(2, result.only().exdates().size());
        assertEquals(0, result.report().skipped());
        assertTrue(result.report().errors().get(0).reason().contains("garbage"));
    }

    @Test
    void errorsAreCappedButEverySkipIsCounted() {
        String[] events = new String[80];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("bad-" + i, "DTSTART:not a date");
        }
        var result = parse(calendar(events));

        assertEquals(80, result.report().skipped());
        assertEquals(ParseProblems.MAX_ERRORS, result.report().errors().size());
        assertEquals(0, result.events().size());
    }

    @Test
    void lenientDatesAreAccepted() {
        var result = parse(calendar(
                event("no-seconds", "DTSTART:20240105T1000Z"),
                event("iso", "DTSTART:2024-01-05T10:00:00Z"),
                event("spaces", "DTSTART:20240105T100000Z  ")));
        for (ParsedEvent e : result.events()) {
            assertEquals(java.time.Instant.parse("2024-01-05T10:00:00Z"), e.start().toInstant(Feeds.KIOSK), e.uid());
        }
        assertEquals(3, result.events().size());
    }
}
