package calendarbot.kiosk.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a fixed "now" the way calendarbot_lite reads CALENDARBOT_TEST_TIME: an instant ("...Z"), a time with an
 * offset, or a local date-time (here taken in the kiosk's zone, where calendarbot_lite took UTC).
 */
final class FixedNow {

    private static final DateTimeFormatter BASIC_UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private FixedNow() {
    }

    static Instant parse(String text, ZoneId zone) {
        String value = text.trim();
        // Python's isoparse also accepts a space between date and time.
        if (value.length() > 10 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value, BASIC_UTC).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException notBasic) {
            throw new DateTimeException("not an ISO-8601 time: " + text);
        }
    }
}
