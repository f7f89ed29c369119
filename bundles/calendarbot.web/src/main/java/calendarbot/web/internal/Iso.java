package calendarbot.web.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as the API writes them: UTC with a Z, whole seconds, like calendarbot_lite's serialize_iso. */
final class Iso {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Iso() {
    }

    /** "2026-11-24T16:00:00Z". */
    static String utc(long epochSecond) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
    }

    static String utc(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "2026-11-24T17:00:00+01:00": the wall-clock time in {@code zone}. */
    static String local(long epochSecond, ZoneId zone) {
        return LOCAL.format(Instant.ofEpochSecond(epochSecond).atZone(zone).toOffsetDateTime());
    }

    static String date(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate().toString();
    }
}
