package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.calendar;
import static calendarbot.parser.internal.Feeds.event;
import static calendarbot.parser.internal.Feeds.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeZoneTest {

    /** Offsets no IANA zone has: +01:30 in winter, +02:30 in summer, US-style switch dates. */
    static final String CUSTOMIZED_ZONE = String.join("\r\n",
            "BEGIN:VTIMEZONE",
            "TZID:Customized Time Zone",
            "BEGIN:STANDARD",
            "DTSTART:16010101T020000",
            "TZOFFSETFROM:+0230",
            "TZOFFSETTO:+0130",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:16010101T020000",
            "TZOFFSETFROM:+0130",
            "TZOFFSETTO:+0230",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3",
            "END:DAYLIGHT",
            "END:VTIMEZONE");

    @Test
    void windowsZoneNamesResolveToIanaZones() {
        var result = parse(calendar(
                event("pst", "DTSTART;TZID=Pacific Standard Time:20240105T100000"),
                event("wet", "DTSTART;TZID=W. Europe Standard Time:20240105T100000"),
                event("display", "DTSTART;TZID=\"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\":20240105T100000"),
                event("unquoted", "DTSTART;TZID=(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna:20240105T100000"),
                event("romance", "DTSTART;TZID=Romance Standard Time:20240105T100000"),
                event("india", "DTSTART;TZID=India Standard Time:20240105T100000"),
                event("utc", "DTSTART;TZID=tzone://Microsoft/Utc:20240105T100000")));

        assertZone(result.byUid("pst").start(), "America/Los_Angeles");
        assertZone(result.byUid("wet").start(), "Europe/Berlin");
        assertZone(result.byUid("display").start(), "Europe/Berlin");
        assertZone(result.byUid("unquoted").start(), "Europe/Berlin");
        assertZone(result.byUid("romance").start(), "Europe/Paris");
        assertZone(result.byUid("india").start(), "Asia/Kolkata");
        assertEquals("UTC", result.byUid("utc").start().tzid());
        assertEquals(Instant.parse("2024-01-05T10:00:00Z"), result.byUid("utc").start().toInstant(Feeds.KIOSK));
        Map<String, String> zones = result.report().zones();
        assertEquals("America/Los_Angeles (windows)", zones.get("Pacific Standard Time"));
        assertEquals("Europe/Berlin (windows display name)",
                zones.get("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"));
        assertEquals(0, result.report().zoneFallbacks());
    }

    @Test
    void ianaIdsAreFoundBehindSlashesAndTzurlPrefixes() {
        var result = parse(calendar(
                event("slash", "DTSTART;TZID=/Europe/Berlin:20240105T100000"),
                event("mozilla", "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20240105T100000"),
                event("lower", "DTSTART;TZID=\"europe/berlin\":20240105T100000")));
        for (ParsedEvent e : result.events()) {
            assertZone(e.start(), "Europe/Berlin");
        }
        assertEquals(3, result.events().size());
    }

    @Test
    void windowsTableCoversEveryCldrZoneWithZonesThisJvmKnows() {
        Map<String, String> names = ZoneNames.windowsNames();
        assertTrue(names.size() >= 139, "windows names: " + names.size());
        for (String iana : names.values()) {
            assertTrue(ZoneId.getAvailableZoneIds().contains(iana), iana);
        }
        assertEquals("Europe/London", names.get("gmt standard time"));
        assertEquals("Etc/UTC", names.get("utc"));
    }

    @Test
    void customizedTimeZoneUsesItsOwnRulesAcrossADstTransition() {
        var result = parse(calendar(CUSTOMIZED_ZONE,
                event("winter", "DTSTART;TZID=Customized Time Zone:20240105T100000",
                        "DTEND;TZID=Customized Time Zone:20240105T110000"),
                event("summer", "DTSTART;TZID=Customized Time Zone:20240705T100000",
                        "RRULE:FREQ=WEEKLY", "EXDATE;TZID=Customized Time Zone:20241108T100000")));

        EventTime winter = result.byUid("winter").start();
        EventTime summer = result.byUid("summer").start();
        assertEquals("Customized Time Zone", winter.tzid());
        assertEquals(Instant.parse("2024-01-05T08:30:00Z"), winter.toInstant(Feeds.KIOSK));
        assertEquals(Instant.parse("2024-07-05T07:30:00Z"), summer.toInstant(Feeds.KIOSK));
        // the exdate is after the switch back on 3 November
        assertEquals(Instant.parse("2024-11-08T08:30:00Z"), result.byUid("summer").exdates().get(0).toInstant(Feeds.KIOSK));
        // 10 March 2024 02:00 jumps to 03:00: 02:30 lies in the gap and moves forward (RFC 5545 3.3.5)
        assertEquals(Instant.parse("2024-03-10T01:00:00Z"),
                EventTime.toInstant(LocalDateTime.of(2024, 3, 10, 2, 30), winter.zone()));
        assertEquals("VTIMEZONE rules", result.report().zones().get("Customized Time Zone"));
        assertEquals(0, result.report().zoneFallbacks());
    }

    @Test
    void aVtimezoneAfterTheEventsThatUseItStillDefinesTheirTimes() {
        var result = parse(calendar(
                event("early", "DTSTART;TZID=Customized Time Zone:20240705T100000",
                        "DTEND;TZID=Customized Time Zone:20240705T103000"),
                event("plain", "DTSTART:20240105T100000Z"),
                CUSTOMIZED_ZONE));

        ParsedEvent early = result.byUid("early");
        assertEquals(Instant.parse("2024-07-05T07:30:00Z"), early.start().toInstant(Feeds.KIOSK));
        assertEquals(Instant.parse("2024-07-05T08:00:00Z"), early.end().toInstant(Feeds.KIOSK));
        assertEquals(2, result.events().size());
        assertEquals(0, result.report().zoneFallbacks());
        assertEquals(List.of(), result.report().errors());
    }

    @Test
    void anUnknownTzidFallsBackToXWrTimezoneAndIsCounted() {
        var result = parse(calendar("X-WR-TIMEZONE:Europe/Berlin",
                event("foo", "DTSTART;TZID=Foo Standard Time:20240105T100000")));

        assertZone(result.only().start(), "Europe/Berlin");
        assertEquals(1, result.report().zoneFallbacks());
        assertEquals("Europe/Berlin (fallback: X-WR-TIMEZONE)", result.report().zones().get("Foo Standard Time"));
        // what the refresher turns into a warning on /api/health
        assertEquals(Map.of("Foo Standard Time", "Europe/Berlin"), result.report().zonesFallenBack());
        assertEquals("Europe/Berlin", result.report().calendarZone());
        assertTrue(result.report().errors().get(0).reason().contains("Foo Standard Time"), result.report().errors().toString());
    }

    @Test
    void anUnknownTzidWithoutXWrTimezoneFallsBackToTheKioskZone() {
        var result = parse(calendar(
                event("a", "DTSTART;TZID=Foo:20240105T100000"),
                event("b", "DTSTART;TZID=Foo:20240106T100000")));

        assertZone(result.byUid("a").start(), Feeds.KIOSK.getId());
        assertZone(result.byUid("b").start(), Feeds.KIOSK.getId());
        assertEquals(1, result.report().zoneFallbacks());
        assertEquals("America/Chicago (fallback: kiosk zone)", result.report().zones().get("Foo"));
        assertEquals(Map.of("Foo", "America/Chicago"), result.report().zonesFallenBack());
    }

    @Test
    void xLicLocationNamesTheZoneOfAMadeUpTzid() {
        var result = parse(calendar(
                "BEGIN:VTIMEZONE\r\nTZID:My Zone\r\nX-LIC-LOCATION:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000"
                        + "\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE",
                event("x", "DTSTART;TZID=My Zone:20240705T100000")));
        assertZone(result.only().start(), "Europe/Paris");
    }

    @Test
    void floatingTimesUseXWrTimezoneElseTheKioskZone() {
        var withCalendarZone = parse(calendar("X-WR-TIMEZONE:Asia/Tokyo", event("f", "DTSTART:20240105T100000")));
        var without = parse(calendar(event("f", "DTSTART:20240105T100000")));

        assertZone(withCalendarZone.only().start(), "Asia/Tokyo");
        assertZone(without.only().start(), Feeds.KIOSK.getId());
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 0), without.only().start().local());
    }

    @Test
    void dateValuesStayDates() {
        var result = parse(calendar(
                event("declared", "DTSTART;VALUE=DATE:20240105", "DTEND;VALUE=DATE:20240106",
                        "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:20250105,20260105"),
                event("bare", "DTSTART:20240105"),
                event("sloppy", "DTSTART;VALUE=DATE:20240105T000000")));

        for (ParsedEvent e : result.events()) {
            assertTrue(e.start().date(), e.uid());
            assertNull(e.start().zone(), e.uid());
            assertNull(e.start().tzid(), e.uid());
            assertEquals(LocalDate.of(2024, 1, 5), e.start().local().toLocalDate());
        }
        ParsedEvent declared = result.byUid("declared");
        assertTrue(declared.end().date());
        assertEquals(List.of(EventTime.ofDate(LocalDate.of(2025, 1, 5)), EventTime.ofDate(LocalDate.of(2026, 1, 5))),
                declared.exdates());
    }

    @Test
    void displayNamesSpeltOtherwiseMatchByOffsetAndPlacesOrNotAtAll() {
        assertEquals(ZoneId.of("America/Chicago"), variant("(UTC-06:00) Central Time (US and Canada)"));
        assertEquals(ZoneId.of("America/New_York"), variant("(UTC-05:00) Eastern Time (US and Canada)"));
        assertEquals(ZoneId.of("Europe/Paris"), variant("(UTC+01:00) Bruxelles, Copenhague, Madrid, Paris"));
        assertEquals(ZoneId.of("Europe/Berlin"), variant("Amsterdam,Berlin,Bern,Rome,Stockholm,Vienna."));
        // "Central" alone is Central America as much as Central Time (US & Canada): no guess
        assertNull(ZoneNames.resolve("(UTC-06:00) Central"));
        assertNull(ZoneNames.resolve("Customized Time Zone"));
        assertNull(ZoneNames.resolve("Berlin Office"));
    }

    private static ZoneId variant(String tzid) {
        ZoneNames.Match m = ZoneNames.resolve(tzid);
        assertEquals(ZoneNames.Kind.WINDOWS_DISPLAY_VARIANT, m == null ? null : m.kind(), tzid);
        return m.zone();
    }

    private static void assertZone(EventTime t, String iana) {
        assertEquals(iana, t.tzid());
        assertEquals(ZoneId.of(iana).getRules(), t.zone());
    }
}
