package calendarbot.voice.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as calendarbot_lite writes them: UTC with a Z ("2025-11-05T18:00:00Z"), or local with an offset. */
final class Iso {

    private Iso() {
    }

    static String utc(long epochSecond) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
    }

    static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static LocalTime localTime(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalTime();
    }

    /** "2025-11-05T17:00:00-08:00". */
    static String local(long epochSecond, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone)
                .toOffsetDateTime());
    }
}
