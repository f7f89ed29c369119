package calendarbot.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A DTSTART/DTEND/RDATE/EXDATE/RECURRENCE-ID value as the feed wrote it: a wall-clock time in a zone
 * (UTC, an IANA zone, or rules built from a VTIMEZONE), or a DATE.
 *
 * @param local the wall-clock value; midnight for a DATE
 * @param zone rules of the value's zone; null for a DATE (all-day values float with the kiosk's zone)
 * @param tzid the zone's name as resolved (an IANA id, "UTC", or the VTIMEZONE's TZID); null for a DATE
 * @param date true for a VALUE=DATE value
 */
public record EventTime(LocalDateTime local, ZoneRules zone, String tzid, boolean date) {

    public static EventTime ofDate(LocalDate day) {
        return new EventTime(day.atStartOfDay(), null, null, true);
    }

    public static EventTime ofUtc(LocalDateTime utc) {
        return new EventTime(utc, ZoneOffset.UTC.getRules(), "UTC", false);
    }

    public static EventTime of(LocalDateTime local, ZoneId zone) {
        return new EventTime(local, zone.getRules(), zone.getId(), false);
    }

    /** The same zone (or date-ness) at another wall-clock time. */
    public EventTime withLocal(LocalDateTime other) {
        return new EventTime(other, zone, tzid, date);
    }

    /**
     * The instant this value denotes. A DATE is midnight in {@code dateZone}; a wall-clock time that falls
     * into a DST gap is moved forward by the gap's length (RFC 5545 3.3.5), an ambiguous one takes the
     * earlier offset.
     */
    public Instant toInstant(ZoneId dateZone) {
        if (date) {
            return local.toLocalDate().atStartOfDay(dateZone).toInstant();
        }
        return toInstant(local, zone);
    }

    public long toEpochSecond(ZoneId dateZone) {
        return toInstant(dateZone).getEpochSecond();
    }

    /** Wall-clock time in the given rules to an instant, with RFC 5545's gap and overlap rules. */
    public static Instant toInstant(LocalDateTime local, ZoneRules rules) {
        var offsets = rules.getValidOffsets(local);
        if (offsets.size() >= 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition gap = rules.getTransition(local);
        return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
    }
}
