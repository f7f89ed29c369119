package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.calendar;
import static calendarbot.parser.internal.Feeds.event;
import static calendarbot.parser.internal.Feeds.parse;
import static calendarbot.parser.internal.Feeds.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPropertiesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everyKeptPropertyArrives() {
        var e = parse(calendar(event("master-1@example.com",
                "SUMMARY;LANGUAGE=en:Planning",
                "LOCATION:Room 1",
                "DESCRIPTION:Agenda",
                "DTSTART;TZID=Europe/Berlin:20240105T100000",
                "DTEND;TZID=Europe/Berlin:20240105T113000",
                "RRULE:FREQ=WEEKLY;BYDAY=FR",
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
                "RDATE;TZID=Europe/Berlin:20240110T100000,20240111T100000",
                "RDATE;VALUE=PERIOD:20240112T090000Z/20240112T100000Z,20240113T090000Z/PT45M",
                "EXDATE;TZID=Europe/Berlin:20240112T100000",
                "EXDATE:20240119T090000Z",
                "SEQUENCE:3",
                "STATUS:tentative",
                "TRANSP:TRANSPARENT",
                "CLASS:PRIVATE",
                "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
                "X-OUTLOOK-DELETED:TRUE",
                "ORGANIZER;CN=\"Boss, The\":MAILTO:Boss@Example.com",
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com",
                "ATTENDEE;CN=\"Owner: me\";PARTSTAT=TENTATIVE:mailto:Kiosk.Owner@EXAMPLE.com"))).only();

        assertEquals("master-1@example.com", e.uid());
        assertEquals("Planning", e.summary());
        assertEquals("Room 1", e.location());
        assertEquals("Agenda", e.description());
        assertEquals(EventTime.of(LocalDateTime.of(2024, 1, 5, 10, 0), BERLIN), e.start());
        assertEquals(EventTime.of(LocalDateTime.of(2024, 1, 5, 11, 30), BERLIN), e.end());
        assertNull(e.duration());
        assertEquals(Duration.ofMinutes(90), e.length());
        assertEquals(List.of("FREQ=WEEKLY;BYDAY=FR", "FREQ=MONTHLY;BYMONTHDAY=1"), e.rrules());
        assertEquals(List.of(
                RecurrenceDate.of(EventTime.of(LocalDateTime.of(2024, 1, 10, 10, 0), BERLIN)),
                RecurrenceDate.of(EventTime.of(LocalDateTime.of(2024, 1, 11, 10, 0), BERLIN)),
                new RecurrenceDate(EventTime.ofUtc(LocalDateTime.of(2024, 1, 12, 9, 0)), Duration.ofHours(1)),
                new RecurrenceDate(EventTime.ofUtc(LocalDateTime.of(2024, 1, 13, 9, 0)), Duration.ofMinutes(45))),
                e.rdates());
        assertEquals(List.of(EventTime.of(LocalDateTime.of(2024, 1, 12, 10, 0), BERLIN),
                EventTime.ofUtc(LocalDateTime.of(2024, 1, 19, 9, 0))), e.exdates());
        assertNull(e.recurrenceId());
        assertEquals(3, e.sequence());
        assertEquals("TENTATIVE", e.status());
        assertEquals("TRANSPARENT", e.transp());
        assertEquals("PRIVATE", e.classification());
        assertEquals("OOF", e.busyStatus());
        assertTrue(e.outlookDeleted());
        assertEquals("Boss@Example.com", e.organizer());
        assertEquals(3, e.attendeeCount());
        assertEquals("TENTATIVE", e.myPartStat());
        assertEquals(4, e.line());
        assertTrue(e.isRecurring());
    }

    @Test
    void overridesCarryRecurrenceIdAndRange() {
        var result = parse(calendar(
                event("s", "DTSTART:20240105T100000Z", "RECURRENCE-ID:20240105T090000Z"),
                event("s", "DTSTART:20240112T100000Z", "RECURRENCE-ID;RANGE=THISANDFUTURE:20240112T090000Z")));

        assertEquals(EventTime.ofUtc(LocalDateTime.of(2024, 1, 5, 9, 0)), result.events().get(0).recurrenceId());
        assertFalse(result.events().get(0).thisAndFuture());
        assertTrue(result.events().get(1).thisAndFuture());
        assertEquals(2, result.report().overrides());
        assertEquals(0, result.report().masters());
    }

    @Test
    void durationReplacesAMissingEnd() {
        var e = parse(calendar(event("d", "DTSTART:20240105T100000Z", "DURATION:PT45M"))).only();
        assertNull(e.end());
        assertEquals(Duration.ofMinutes(45), e.duration());
    }

    @Test
    void textIsUnescaped() {
        var e = parse(calendar(event("t", "DTSTART:20240105T100000Z",
                "SUMMARY:a\\,b\\;c\\\\d\\ne\\Nf",
                "LOCATION:C:\\\\Users\\, Raum 3\\: Süd"))).only();
        assertEquals("a,b;c\\d\ne\nf", e.summary());
        assertEquals("C:\\Users, Raum 3: Süd", e.location());
    }

    @Test
    void descriptionIsCutToTheConfiguredLengthOrDropped() {
        String ics = calendar(event("d", "DTSTART:20240105T100000Z", "DESCRIPTION:" + "ab😀".repeat(100)));

        String cut = parse(utf8(ics), new ParseOptions(Feeds.KIOSK, null, 11, 0)).only().description();
        assertEquals("ab😀ab😀ab", cut.substring(0, 10));
        assertEquals(10, cut.length(), "a surrogate pair is never cut in half");
        assertNull(parse(utf8(ics), new ParseOptions(Feeds.KIOSK, null, 0, 0)).only().description());

        StreamingIcsParser noDescriptions = new StreamingIcsParser();
        noDescriptions.activate(Feeds.config(32768, 500, false));
        List<ParsedEvent> events = new ArrayList<>();
        try {
            noDescriptions.parse(new ByteArrayInputStream(utf8(ics)), Feeds.options(), events::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertNull(events.get(0).description());

        // a negative length in the options means "as configured"
        assertEquals(400, parse(utf8(ics), new ParseOptions(Feeds.KIOSK, null, ParseOptions.PARSER_SETTING, ParseOptions.PARSER_SETTING)).only().description().length());
    }

    @Test
    void myPartStatIsThatOfTheAttendeeWithMyAddress() {
        String ics = calendar(
                event("a", "DTSTART:20240105T100000Z",
                        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:someone@example.com",
                        "ATTENDEE;PARTSTAT=declined:MAILTO:kiosk.owner@example.COM"),
                event("google", "DTSTART:20240105T100000Z",
                        "ATTENDEE;EMAIL=Kiosk.Owner@example.com;PARTSTAT=TENTATIVE:invalid:nomail"),
                event("default", "DTSTART:20240105T100000Z", "ATTENDEE;CN=Me:mailto:kiosk.owner@example.com"),
                event("absent", "DTSTART:20240105T100000Z", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.com"));

        var result = parse(ics);
        assertEquals("DECLINED", result.byUid("a").myPartStat());
        assertEquals(2, result.byUid("a").attendeeCount());
        assertEquals("TENTATIVE", result.byUid("google").myPartStat());
        assertEquals("NEEDS-ACTION", result.byUid("default").myPartStat());
        assertNull(result.byUid("absent").myPartStat());

        var noMe = parse(utf8(ics), new ParseOptions(Feeds.KIOSK, null, 500, 0));
        assertNull(noMe.byUid("a").myPartStat());
        assertEquals("ACCEPTED", parse(utf8(ics), new ParseOptions(Feeds.KIOSK, "MAILTO:someone@example.com", 500, 0))
                .byUid("a").myPartStat());
    }

    @Test
    void onlineMeetingUrlComesFromTheFirstSourceThatHasOne() {
        String teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%7d";
        var result = parse(calendar(
                event("teams-beats-location", "DTSTART:20240105T100000Z",
                        "DESCRIPTION:Join: https://meet.google.com/abc-defg-hij\\n",
                        "LOCATION:https://us02web.zoom.us/j/123456789?pwd=abc",
                        "X-MICROSOFT-SKYPETEAMSMEETINGURL:" + teams),
                event("zoom-in-location", "DTSTART:20240105T100000Z",
                        "LOCATION:Zoom: https://us02web.zoom.us/j/123456789?pwd=abc\\, Raum 2",
                        "URL:https://example.com/not-a-meeting"),
                event("meet-in-description", "DTSTART:20240105T100000Z",
                        "DESCRIPTION:See https://example.com first\\, then join <https://meet.google.com/abc-defg-hij>."),
                event("webex-in-url", "DTSTART:20240105T100000Z", "URL:https://acme.webex.com/acme/j.php?MTID=m123"),
                event("teams-in-description", "DTSTART:20240105T100000Z",
                        "DESCRIPTION:____\\nMicrosoft Teams meeting\\nClick here<" + teams + ">\\nMeeting ID: 1"),
                event("none", "DTSTART:20240105T100000Z", "URL:https://example.com/x",
                        "DESCRIPTION:https://meet.google.com/ (no code)")));

        assertEquals(teams, result.byUid("teams-beats-location").onlineMeetingUrl());
        assertEquals("https://us02web.zoom.us/j/123456789?pwd=abc", result.byUid("zoom-in-location").onlineMeetingUrl());
        assertEquals("https://meet.google.com/abc-defg-hij", result.byUid("meet-in-description").onlineMeetingUrl());
        assertEquals("https://acme.webex.com/acme/j.php?MTID=m123", result.byUid("webex-in-url").onlineMeetingUrl());
        assertEquals(teams, result.byUid("teams-in-description").onlineMeetingUrl());
        assertNull(result.byUid("none").onlineMeetingUrl());
    }

    @Test
    void alarmsAndOtherComponentsDoNotLeakIntoTheEvent() {
        var result = parse(calendar(
                "BEGIN:VTODO\r\nUID:todo\r\nDTSTART:20240105T100000Z\r\nSUMMARY:a task\r\nEND:VTODO",
                event("e", "DTSTART:20240105T100000Z", "SUMMARY:the meeting",
                        "BEGIN:VALARM", "ACTION:EMAIL", "SUMMARY:Reminder", "DESCRIPTION:Reminder",
                        "ATTENDEE:mailto:kiosk.owner@example.com", "TRIGGER:-PT15M", "END:VALARM",
                        "LOCATION:after the alarm"),
                "BEGIN:VJOURNAL\r\nUID:j\r\nDTSTART:20240105T100000Z\r\nEND:VJOURNAL",
                "BEGIN:VFREEBUSY\r\nUID:fb\r\nEND:VFREEBUSY"));

        ParsedEvent e = result.only();
        assertEquals("the meeting", e.summary());
        assertNull(e.description());
        assertEquals(0, e.attendeeCount());
        assertEquals("after the alarm", e.location());
        assertEquals(List.of(), result.report().errors());
    }

    @Test
    void aMissingUidIsReplacedByAStableSyntheticOne() {
        String ics = calendar(
                "BEGIN:VEVENT\r\nDTSTART:20240105T100000Z\r\nSUMMARY:no uid\r\nEND:VEVENT",
                "BEGIN:VEVENT\r\nDTSTART:20240105T100000Z\r\nSUMMARY:other\r\nEND:VEVENT");

        var first = parse(ics);
        var second = parse(ics);

        String uid = first.events().get(0).uid();
        assertTrue(uid.startsWith("synthetic-"), uid);
        assertEquals(uid, second.events().get(0).uid());
        assertNotEquals(uid, first.events().get(1).uid());
        assertEquals(2, first.report().errors().size());
        assertEquals(0, first.report().skipped());
    }

    @Test
    void namesAreCaseInsensitiveAndQuotedParametersMayHoldColons() {
        var e = parse(calendar("BEGIN:vevent\r\nuid:lower\r\ndtstart;tzid=\"Europe/Berlin\":20240105T100000\r\n"
                + "Summary;X-NOTE=\"a:b;c\":Quoted: fine\r\nend:vevent")).only();
        assertEquals("lower", e.uid());
        assertEquals(EventTime.of(LocalDateTime.of(2024, 1, 5, 10, 0), BERLIN), e.start());
        assertEquals("Quoted: fine", e.summary());
    }

    @Test
    void reportNamesTheCalendarAndCountsWhatItDelivered() {
        var result = parse(calendar("X-WR-CALNAME:Büro\\, 3. OG", "X-WR-TIMEZONE:Europe/Berlin",
                event("m", "DTSTART:20240105T100000Z", "RRULE:FREQ=DAILY"),
                event("m", "DTSTART:20240106T110000Z", "RECURRENCE-ID:20240106T100000Z"),
                event("s", "DTSTART:20240105T100000Z")));
        var report = result.report();
        assertEquals("Büro, 3. OG", report.calendarName());
        assertEquals("Europe/Berlin", report.calendarZone());
        assertEquals(3, report.events());
        assertEquals(1, report.masters());
        assertEquals(1, report.overrides());
        assertEquals(utf8(calendar("X-WR-CALNAME:Büro\\, 3. OG", "X-WR-TIMEZONE:Europe/Berlin",
                event("m", "DTSTART:20240105T100000Z", "RRULE:FREQ=DAILY"),
                event("m", "DTSTART:20240106T110000Z", "RECURRENCE-ID:20240106T100000Z"),
                event("s", "DTSTART:20240105T100000Z"))).length, report.bytes());
    }
}
