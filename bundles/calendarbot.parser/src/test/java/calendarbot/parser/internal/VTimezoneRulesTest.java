package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class VTimezoneRulesTest {

    private static VTimezoneRules.Observance observance(boolean daylight, String start, int fromMinutes, int toMinutes,
            String... rrules) {
        VTimezoneRules.Observance o = new VTimezoneRules.Observance(daylight);
        o.start = LocalDateTime.parse(start);
        o.from = fromMinutes * 60;
        o.to = toMinutes * 60;
        o.rrules.addAll(List.of(rrules));
        return o;
    }

    /** Same offsets as the IANA zone, every six hours across the years. */
    private static void assertSameOffsets(ZoneRules expected, ZoneRules actual, int fromYear, int toYear) {
        Instant end = Instant.parse(toYear + "-12-31T00:00:00Z");
        for (Instant t = Instant.parse(fromYear + "-01-01T00:00:00Z"); t.isBefore(end); t = t.plusSeconds(6 * 3600)) {
            assertEquals(expected.getOffset(t), actual.getOffset(t), t.toString());
        }
    }

    @Test
    void outlookStyleWesternEuropeMatchesEuropeBerlin() {
        ZoneRules rules = VTimezoneRules.build(List.of(
                observance(false, "1601-01-01T03:00", 120, 60, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
                observance(true, "1601-01-01T02:00", 60, 120, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3")));
        assertSameOffsets(ZoneId.of("Europe/Berlin").getRules(), rules, 2000, 2035);
    }

    @Test
    void southernHemisphereMatchesAustraliaSydney() {
        ZoneRules rules = VTimezoneRules.build(List.of(
                observance(false, "2008-04-06T03:00", 660, 600, "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
                observance(true, "2008-10-05T02:00", 600, 660, "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU")));
        assertSameOffsets(ZoneId.of("Australia/Sydney").getRules(), rules, 2009, 2035);
    }

    @Test
    void historyWithUntilAndOpenRulesMatchesAmericaNewYork() {
        ZoneRules rules = VTimezoneRules.build(List.of(
                observance(true, "1987-04-05T02:00", -300, -240, "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z"),
                observance(false, "1967-10-29T02:00", -240, -300, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z"),
                observance(true, "2007-03-11T02:00", -300, -240, "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
                observance(false, "2007-11-04T02:00", -240, -300, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")));
        assertSameOffsets(ZoneId.of("America/New_York").getRules(), rules, 1990, 2035);
    }

    @Test
    void fifthSundayMeansTheLastOne() {
        ZoneRules rules = VTimezoneRules.build(List.of(
                observance(false, "1601-01-01T03:00", 120, 60, "FREQ=YEARLY;BYDAY=5SU;BYMONTH=10"),
                observance(true, "1601-01-01T02:00", 60, 120, "FREQ=YEARLY;BYDAY=5SU;BYMONTH=3")));
        assertSameOffsets(ZoneId.of("Europe/Berlin").getRules(), rules, 2015, 2030);
    }

    @Test
    void aZoneWithoutDaylightSavingIsAFixedOffset() {
        ZoneRules rules = VTimezoneRules.build(List.of(observance(false, "1601-01-01T00:00", 330, 330)));
        assertEquals(java.time.ZoneOffset.ofHoursMinutes(5, 30), rules.getOffset(Instant.parse("2024-07-01T00:00:00Z")));
    }

    @Test
    void theSameBlockIsBuiltOnce() {
        List<VTimezoneRules.Observance> block = List.of(
                observance(false, "1601-01-01T03:00", 150, 90, "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
                observance(true, "1601-01-01T02:00", 90, 150, "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"));
        assertSame(VTimezoneRules.of(block), VTimezoneRules.of(block));
    }

    @Test
    void unusableBlocksAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> VTimezoneRules.build(List.of()));
        assertThrows(IllegalArgumentException.class, () -> VTimezoneRules.build(List.of(
                observance(false, "1601-01-01T03:00", 120, 60, "FREQ=MONTHLY;BYDAY=-1SU"))));
        VTimezoneRules.Observance noOffset = new VTimezoneRules.Observance(false);
        noOffset.start = LocalDateTime.parse("1601-01-01T00:00");
        assertThrows(IllegalArgumentException.class, () -> VTimezoneRules.build(List.of(noOffset)));
    }
}
