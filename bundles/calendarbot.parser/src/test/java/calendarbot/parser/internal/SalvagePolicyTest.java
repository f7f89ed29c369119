package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport.ParseError;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.shared.SalvageRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link SalvageRule} on a minimal feed shaped like the real one that needed it (src/test/resources/salvage/):
 * what the kiosk keeps, and that the rule is reported with its line and whether the component was dropped.
 */
class SalvagePolicyTest {

    /** Rules seen by the tests of this class; the last check wants every rule of the table among them. */
    private static final Set<String> SEEN = new HashSet<>();

    private static Feeds.Result salvage(String file) {
        return salvage(file, Feeds.options());
    }

    private static Feeds.Result salvage(String file, ParseOptions options) {
        try (InputStream in = SalvagePolicyTest.class.getResourceAsStream("/salvage/" + file)) {
            if (in == null) {
                throw new AssertionError("no test file salvage/" + file);
            }
            Feeds.Result result = Feeds.parse(in.readAllBytes(), options);
            SEEN.addAll(result.report().rules().keySet());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one problem of the feed: its rule, line and outcome. */
    private static ParseError only(Feeds.Result result, String rule, int line, boolean dropped) {
        List<ParseError> errors = result.report().errors();
        assertEquals(1, errors.size(), errors.toString());
        ParseError e = errors.get(0);
        assertEquals(rule, e.rule(), e.toString());
        assertEquals(line, e.line(), e.toString());
        assertEquals(dropped, e.dropped(), e.toString());
        assertEquals(1, result.report().rules().get(rule), result.report().rules().toString());
        assertEquals(dropped ? 1 : 0, result.report().skipped());
        return e;
    }

    @Test
    void anEmptyRruleOnEveryHolidayLeavesEveryHolidayAsASingleEvent() {
        var result = salvage("holiday-publisher-empty-rrule.ics");
        assertEquals(3, result.events().size());
        assertTrue(result.events().stream().noneMatch(ParsedEvent::isRecurring));
        assertEquals(3, result.report().rules().get("rrule-empty"));
        assertEquals(3, result.report().salvaged());
        assertEquals(List.of(11, 20, 29), result.report().errors().stream().map(ParseError::line).toList());
        assertTrue(result.report().errors().get(0).reason().contains("New Year's Day"),
                result.report().errors().get(0).reason());
    }

    @Test
    void anRruleWithoutAValidFreqLeavesTheEventOnce() {
        var result = salvage("rrule-without-freq-shown-once.ics");
        assertFalse(result.only().isRecurring());
        assertTrue(only(result, "rrule-without-freq", 10, false).reason().contains("FREQ=FORTNIGHTLY"));
    }

    @Test
    void aDoubledRrulePrefixAndJunkPartsAreLeftOutAndTheSeriesKept() {
        var result = salvage("exported-series-with-doubled-rrule-prefix.ics");
        assertEquals(List.of("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T230000Z"), result.only().rrules());
        only(result, "rrule-junk-parts", 10, false);
    }

    @Test
    void aDtstartThatIsNoDateDropsItsEventOnly() {
        var result = salvage("dtstart-not-a-date-drops-event.ics");
        assertEquals("fine@exporter", result.only().uid());
        assertTrue(only(result, "dtstart-bad", 8, true).reason().contains("TBD"));
    }

    @Test
    void anEventWithoutDtstartIsDroppedAtItsBeginLine() {
        var result = salvage("event-without-dtstart-dropped.ics");
        assertEquals("fine@exporter", result.only().uid());
        only(result, "dtstart-missing", 4, true);
    }

    @Test
    void aDtendOfNoneLeavesTheDefaultLength() {
        var result = salvage("dtend-none-gets-default-length.ics");
        assertNull(result.only().end());
        assertEquals(Duration.ZERO, result.only().length());
        assertTrue(only(result, "dtend-bad", 9, false).reason().contains("None"));
    }

    @Test
    void aDtendBeforeDtstartIsIgnored() {
        var result = salvage("dtend-before-dtstart-ignored.ics");
        assertNull(result.only().end());
        only(result, "dtend-before-dtstart", 4, false);
    }

    @Test
    void aFloatingDtendNextToAZonedDtstartIsInTheStartsZone() {
        // a kiosk east of Berlin: read in the kiosk's zone the end would come before the start
        var result = salvage("floating-dtend-next-to-zoned-dtstart.ics",
                new ParseOptions(ZoneId.of("Asia/Tokyo"), FeedWriter.ME, 500, 32768));
        ParsedEvent e = result.only();
        assertEquals("Europe/Berlin", e.end().tzid());
        assertEquals(Duration.ofHours(1), e.length());
        only(result, "dtend-floating", 4, false);
    }

    @Test
    void dtendAndDurationTogetherKeepDtend() {
        var result = salvage("dtend-and-duration-both-given.ics");
        assertEquals(Duration.ofMinutes(30), result.only().length());
        only(result, "dtend-with-duration", 4, false);
    }

    @Test
    void anAllDayEventEndingOnItsStartDayLastsOneDay() {
        var result = salvage("all-day-dtend-equal-to-dtstart.ics");
        assertEquals(Duration.ofDays(1), result.only().length());
        only(result, "all-day-zero-length", 4, false);
    }

    @Test
    void aWeekWrittenAsPt1wLeavesTheDefaultLength() {
        var result = salvage("nas-all-day-duration-pt1w.ics");
        assertEquals(Duration.ofDays(1), result.only().length());
        assertTrue(only(result, "duration-bad", 9, false).reason().contains("PT1W"));
    }

    @Test
    void aNegativeDurationIsIgnored() {
        var result = salvage("negative-duration.ics");
        assertNull(result.only().duration());
        only(result, "duration-negative", 9, false);
    }

    @Test
    void aDurationOfTenThousandDaysIsIgnored() {
        var result = salvage("duration-of-ten-thousand-days.ics");
        assertNull(result.only().duration());
        only(result, "duration-absurd", 9, false);
    }

    @Test
    void aSequenceThatIsNoNumberIsZero() {
        var result = salvage("sequence-written-as-text.ics");
        assertEquals(0, result.only().sequence());
        assertTrue(only(result, "sequence-bad", 9, false).reason().contains("two"));
    }

    @Test
    void anEventWithoutUidGetsAStableOne() {
        String first = salvage("event-without-uid.ics").only().uid();
        var result = salvage("event-without-uid.ics");
        assertEquals(first, result.only().uid());
        assertTrue(first.startsWith("synthetic-"), first);
        only(result, "uid-missing", 4, false);
    }

    @Test
    void anOverrideWhoseRecurrenceIdIsNoDateIsDroppedAndTheSeriesKept() {
        var result = salvage("override-with-unreadable-recurrence-id.ics");
        assertTrue(result.only().isRecurring());
        only(result, "recurrence-id-bad", 16, true);
    }

    @Test
    void aGarbageExdateValueIsIgnoredAndTheOthersKept() {
        var result = salvage("exdate-with-a-garbage-value.ics");
        assertEquals(2, result.only().exdates().size());
        assertTrue(only(result, "exdate-bad", 11, false).reason().contains("garbage"));
    }

    @Test
    void aBadRdatePeriodIsIgnoredAndTheOthersKept() {
        var result = salvage("rdate-with-a-bad-period.ics");
        assertEquals(1, result.only().rdates().size());
        assertEquals(Duration.ofHours(2), result.only().rdates().get(0).duration());
        only(result, "rdate-bad", 10, false);
    }

    @Test
    void moreDatesThanTheLimitAreCutOnce() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= VEventReader.MAX_DATES_PER_EVENT / 100; i++) {
            StringBuilder exdates = new StringBuilder("EXDATE:");
            for (int k = 0; k < 100; k++) {
                exdates.append(k == 0 ? "" : ",").append(Instant.parse("2025-01-01T10:00:00Z")
                        .plus(Duration.ofDays(i * 100L + k)).toString().replace("-", "").replace(":", ""));
            }
            lines.append(exdates).append("\r\n");
        }
        var result = Feeds.parse(Feeds.calendar(Feeds.event("many", "DTSTART:20250101T100000Z", "RRULE:FREQ=DAILY",
                lines.toString().trim())));
        SEEN.addAll(result.report().rules().keySet());
        assertEquals(VEventReader.MAX_DATES_PER_EVENT, result.only().exdates().size());
        only(result, "dates-over-limit", 58, false);
    }

    @Test
    void anUnclosedEventIsDroppedAndTheNextOneKept() {
        var result = salvage("vevent-without-end.ics");
        assertEquals("next@exporter", result.only().uid());
        only(result, "vevent-unclosed", 4, true);
    }

    @Test
    void aVtimezoneWithoutTzidIsIgnored() {
        var result = salvage("vtimezone-without-tzid.ics");
        assertEquals("UTC", result.only().start().tzid());
        only(result, "vtimezone-without-tzid", 4, false);
    }

    @Test
    void aCustomVtimezoneWithoutObservancesFallsBackToTheCalendarsZone() {
        var result = salvage("custom-vtimezone-without-observances.ics");
        assertEquals("Europe/Berlin", result.only().start().tzid());
        assertEquals(1, result.report().zoneFallbacks());
        only(result, "vtimezone-unusable", 5, false);
    }

    @Test
    void anUnknownTzidWithoutVtimezoneFallsBackToTheKioskZoneAndSaysSo() {
        var result = salvage("unknown-tzid-without-vtimezone.ics");
        assertEquals(Feeds.KIOSK.getId(), result.only().start().tzid());
        assertTrue(only(result, "tzid-unknown", 4, false).reason().contains("Mars/Olympus_Mons"));
    }

    @Test
    void aTzidWrittenWithoutItsVtimezonesLeadingSpaceIsThatZone() {
        var result = salvage("vtimezone-tzid-with-leading-space.ics");
        ParsedEvent e = result.only();
        assertEquals(" Office Time", e.start().tzid());
        assertEquals(Instant.parse("2025-03-05T09:00:00Z"), e.start().toInstant(Feeds.KIOSK));
        assertEquals(0, result.report().zoneFallbacks());
        only(result, "tzid-lenient", 23, false);
    }

    @Test
    void aDisplayNameSpeltOtherwiseIsMatchedByItsOffsetAndPlaces() {
        var result = salvage("outlook-display-name-spelt-otherwise.ics");
        assertEquals("Europe/Berlin", result.only().start().tzid());
        assertTrue(only(result, "tzid-lenient", 8, false).reason().contains("Europe/Berlin"));
    }

    @Test
    void aVtimezoneWhoseRulesCannotBeBuiltIsMatchedByItsOffsets() {
        var result = salvage("vtimezone-without-dtstart-matched-by-offsets.ics");
        assertEquals(Instant.parse("2025-07-02T08:00:00Z"), result.only().start().toInstant(Feeds.KIOSK));
        assertEquals(0, result.report().zoneFallbacks());
        assertTrue(only(result, "tzid-by-offsets", 4, false).reason().contains("Europe/Berlin"));
    }

    @Test
    void aCalendarZoneThatNamesNoZoneLeavesFloatingTimesInTheKioskZoneAndSaysSo() {
        var result = salvage("x-wr-timezone-that-names-no-zone.ics");
        assertEquals(Feeds.KIOSK.getId(), result.only().start().tzid());
        assertTrue(only(result, "calendar-zone-unknown", 5, false).reason().contains("Central European Summer Time"));
    }

    @Test
    void everyTestFileShowsSomeRule() throws IOException {
        Path folder = Path.of("src/test/resources/salvage");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                assertFalse(salvage(f.getFileName().toString()).report().rules().isEmpty(), f.toString());
            }
        }
    }

    @AfterAll
    static void everyRuleOfTheTableIsShownByATest() {
        for (SalvageRule rule : SalvageRule.values()) {
            assertTrue(SEEN.contains(rule.id), "no test shows the salvage rule " + rule.id);
        }
    }
}
