package calendarbot.api.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One instance of an event in time. Instances of one series share their {@link ParsedEvent}.
 *
 * @param sourceId the source it came from
 * @param event the master, override or single event this instance belongs to
 * @param start start, epoch seconds (an all-day instance starts at midnight of the kiosk's zone)
 * @param end end, epoch seconds
 * @param originalStart the slot the instance fills in its series (RECURRENCE-ID), epoch seconds; the start for singles
 * @param allDay true for DATE events
 */
public record Occurrence(String sourceId, ParsedEvent event, long start, long end, long originalStart,
        boolean allDay) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    /** How long calendarbot_lite's answers about a day count an instance without a length. */
    public static final long LENGTH_WHEN_UNSET_SECONDS = 3600;

    /** Stable id {@code UID_yyyyMMddTHHmmss} of the original start in UTC: the same across refreshes. */
    public String id() {
        return event.uid() + "_" + ID_TIME.format(LocalDateTime.ofEpochSecond(originalStart, 0, ZoneOffset.UTC));
    }

    public Instant startInstant() {
        return Instant.ofEpochSecond(start);
    }

    public Instant endInstant() {
        return Instant.ofEpochSecond(end);
    }

    /** The end as answers about a day count it: an instance without a length lasts an hour, as in calendarbot_lite. */
    public long endOrAnHour() {
        return end > start ? end : start + LENGTH_WHEN_UNSET_SECONDS;
    }

    public boolean inProgressAt(long epochSecond) {
        return start <= epochSecond && epochSecond < end;
    }
}
