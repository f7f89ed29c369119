package calendarbot.json;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times as the JSON answers write them, like calendarbot_lite's serialize_iso: UTC with a Z in whole seconds, or the
 * wall-clock time of a zone with its offset. One place, so the wall's API and the voice cannot write them apart.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** "2026-11-24T16:00:00Z". */
    public static String utc(long epochSecond) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
    }

    /** "2026-11-24T16:00:00Z" (fractions of a second dropped); null for null. */
    public static String utc(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "2026-11-24T17:00:00+01:00": the wall-clock time in {@code zone}. */
    public static String local(long epochSecond, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone)
                .toOffsetDateTime());
    }

    /** "2026-11-24": the date in {@code zone}. */
    public static String date(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate().toString();
    }
}
