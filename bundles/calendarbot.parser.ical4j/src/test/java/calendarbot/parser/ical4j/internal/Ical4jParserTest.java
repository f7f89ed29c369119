package calendarbot.parser.ical4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ical4j engine on its own: one event at a time, zones defined later, lines cut, broken feeds refused. */
class Ical4jParserTest {

    private static final Ical4jParser PARSER = parser();

    private static Ical4jParser parser() {
        Ical4jParser p = new Ical4jParser();
        p.activate();
        return p;
    }

    private record Result(List<ParsedEvent> events, ParseReport report) {
    }

    private static Result parse(String... lines) throws IOException {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VCALENDAR\r\n";
        List<ParsedEvent> events = new ArrayList<>();
        ParseReport report = PARSER.parse(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)),
                new ParseOptions(ZoneId.of("America/Chicago"), "me@example.com", 500, 256), events::add);
        return new Result(events, report);
    }

    @Test
    void anEventWaitsForAVtimezoneThatComesAfterIt() throws IOException {
        Result r = parse("BEGIN:VEVENT", "UID:early", "SUMMARY:Before its zone",
                "DTSTART;TZID=Office Time:20250305T100000", "DURATION:PT1H",
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ME@example.com", "END:VEVENT",
                "BEGIN:VTIMEZONE", "TZID:Office Time", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "END:STANDARD", "END:VTIMEZONE");
        ParsedEvent e = r.events().get(0);
        assertEquals(Instant.parse("2025-03-05T01:00:00Z"), e.start().toInstant(ZoneId.of("UTC")));
        assertEquals("Office Time", e.start().tzid());
        assertEquals("ACCEPTED", e.myPartStat());
        assertEquals("ical4j", r.report().parser());
        assertEquals(0, r.report().zoneFallbacks());
    }

    @Test
    void anOverlongLineIsCutAndCounted() throws IOException {
        Result r = parse("BEGIN:VEVENT", "UID:long", "DTSTART:20250305T100000Z", "DESCRIPTION:" + "x".repeat(5000),
                "SUMMARY:After it", "END:VEVENT");
        ParsedEvent e = r.events().get(0);
        assertEquals(1, r.report().truncatedLines());
        assertEquals(256 - "DESCRIPTION:".length(), e.description().length());
        assertEquals("After it", e.summary());
    }

    @Test
    void aFeedIcal4jCannotFinishIsNoCalendar() {
        NotACalendarException e = assertThrows(NotACalendarException.class,
                () -> parse("BEGIN:VEVENT", "UID:open", "DTSTART:20250305T100000Z"));
        assertTrue(e.getMessage().startsWith("ical4j stopped at line"), e.getMessage());
        assertThrows(NotACalendarException.class, () -> PARSER.parse(new ByteArrayInputStream(
                "<html>login</html>".getBytes(StandardCharsets.UTF_8)), null, ev -> { }));
    }
}
