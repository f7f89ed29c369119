package calendarbot.api.model;

import java.time.Duration;
import java.util.List;

/**
 * One VEVENT reduced to what the kiosk needs. A master carries RRULE/RDATE; an override carries
 * RECURRENCE-ID; a single event carries neither. Text values are already unescaped.
 *
 * @param uid UID (a missing UID is replaced by the parser with a stable synthetic one)
 * @param summary SUMMARY
 * @param location LOCATION
 * @param description DESCRIPTION, cut to the parser's configured length
 * @param start DTSTART
 * @param end DTEND, or null
 * @param duration DURATION, or null (with no DTEND and no DURATION: zero for date-times, one day for dates)
 * @param rrules RRULE values as written (several allowed)
 * @param rdates RDATE values
 * @param exdates EXDATE values
 * @param recurrenceId RECURRENCE-ID, or null
 * @param thisAndFuture RECURRENCE-ID;RANGE=THISANDFUTURE
 * @param sequence SEQUENCE (0 when absent)
 * @param status STATUS upper-cased (CONFIRMED, TENTATIVE, CANCELLED) or null
 * @param transp TRANSP upper-cased (OPAQUE, TRANSPARENT) or null
 * @param classification CLASS upper-cased or null
 * @param busyStatus X-MICROSOFT-CDO-BUSYSTATUS upper-cased (FREE, TENTATIVE, BUSY, OOF) or null
 * @param outlookDeleted X-OUTLOOK-DELETED is true
 * @param organizer ORGANIZER address without "mailto:", or null
 * @param attendeeCount number of ATTENDEE properties
 * @param myPartStat PARTSTAT of the configured "me" attendee, or null
 * @param onlineMeetingUrl Teams/Zoom/Meet/Webex join URL, or null
 * @param line line number of BEGIN:VEVENT, for diagnostics
 */
public record ParsedEvent(
        String uid,
        String summary,
        String location,
        String description,
        EventTime start,
        EventTime end,
        Duration duration,
        List<String> rrules,
        List<RecurrenceDate> rdates,
        List<EventTime> exdates,
        EventTime recurrenceId,
        boolean thisAndFuture,
        int sequence,
        String status,
        String transp,
        String classification,
        String busyStatus,
        boolean outlookDeleted,
        String organizer,
        int attendeeCount,
        String myPartStat,
        String onlineMeetingUrl,
        int line) {

    public ParsedEvent {
        rrules = rrules == null ? List.of() : List.copyOf(rrules);
        rdates = rdates == null ? List.of() : List.copyOf(rdates);
        exdates = exdates == null ? List.of() : List.copyOf(exdates);
    }

    public boolean isRecurring() {
        return !rrules.isEmpty() || !rdates.isEmpty();
    }

    public boolean isOverride() {
        return recurrenceId != null;
    }

    public boolean isAllDay() {
        return start.date();
    }

    /**
     * The event's length: DTEND - DTSTART in wall-clock terms for dates (days) and as exact time
     * otherwise; DURATION when given; RFC 5545 defaults otherwise.
     */
    public Duration length() {
        if (duration != null) {
            return duration;
        }
        if (end != null) {
            if (start.date()) {
                return Duration.ofDays(Math.max(1, end.local().toLocalDate().toEpochDay()
                        - start.local().toLocalDate().toEpochDay()));
            }
            if (end.date()) {
                return Duration.between(start.local(), end.local());
            }
            return Duration.between(EventTime.toInstant(start.local(), start.zone()),
                    EventTime.toInstant(end.local(), end.zone()));
        }
        return start.date() ? Duration.ofDays(1) : Duration.ZERO;
    }

    /** True when calendarbot_lite's rules make this event free time rather than a meeting. */
    public boolean isFree() {
        return outlookDeleted || "FREE".equals(busyStatus) || "CANCELLED".equals(status)
                || "TRANSPARENT".equals(transp);
    }
}
