package calendarbot.api;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ParsedEvent} by name instead of by position: a test says only what matters to it (a summary, a start,
 * a STATUS), everything else stays as a plain parsed event has it. Also makes the event's occurrences.
 */
public final class EventBuilder {

    private final String uid;
    private String summary;
    private String location;
    private String description;
    private EventTime start;
    private EventTime end;
    private Duration duration;
    private final List<String> rrules = new ArrayList<>();
    private final List<RecurrenceDate> rdates = new ArrayList<>();
    private final List<EventTime> exdates = new ArrayList<>();
    private EventTime recurrenceId;
    private boolean thisAndFuture;
    private int sequence;
    private String status;
    private String transp;
    private String classification;
    private String busyStatus;
    private boolean outlookDeleted;
    private String organizer;
    private int attendeeCount;
    private String myPartStat;
    private String onlineMeetingUrl;
    private int line = 1;

    private EventBuilder(String uid) {
        this.uid = uid;
        this.summary = uid;
    }

    public static EventBuilder event(String uid) {
        return new EventBuilder(uid);
    }

    /** A meeting from {@code start} (UTC) for {@code length}. */
    public static EventBuilder meeting(String uid, String summary, Instant start, Duration length) {
        return event(uid).summary(summary).start(utc(start)).end(utc(start.plus(length)));
    }

    /** An all-day event of {@code day}. */
    public static EventBuilder allDay(String uid, String summary, LocalDate day) {
        return event(uid).summary(summary).start(EventTime.ofDate(day)).end(EventTime.ofDate(day.plusDays(1)));
    }

    public static EventTime utc(Instant instant) {
        return EventTime.ofUtc(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public EventBuilder summary(String value) {
        summary = value;
        return this;
    }

    public EventBuilder location(String value) {
        location = value;
        return this;
    }

    public EventBuilder description(String value) {
        description = value;
        return this;
    }

    public EventBuilder start(EventTime value) {
        start = value;
        return this;
    }

    public EventBuilder end(EventTime value) {
        end = value;
        return this;
    }

    public EventBuilder duration(Duration value) {
        duration = value;
        return this;
    }

    public EventBuilder rrule(String value) {
        rrules.add(value);
        return this;
    }

    public EventBuilder rdate(RecurrenceDate value) {
        rdates.add(value);
        return this;
    }

    public EventBuilder rdate(EventTime value) {
        return rdate(RecurrenceDate.of(value));
    }

    /** An RDATE given as a PERIOD (start and duration). */
    public EventBuilder rdate(EventTime start, Duration length) {
        return rdate(new RecurrenceDate(start, length));
    }

    public EventBuilder exdate(EventTime... values) {
        exdates.addAll(List.of(values));
        return this;
    }

    public EventBuilder recurrenceId(EventTime value) {
        recurrenceId = value;
        return this;
    }

    public EventBuilder thisAndFuture() {
        thisAndFuture = true;
        return this;
    }

    public EventBuilder sequence(int value) {
        sequence = value;
        return this;
    }

    public EventBuilder status(String value) {
        status = value;
        return this;
    }

    public EventBuilder transp(String value) {
        transp = value;
        return this;
    }

    public EventBuilder classification(String value) {
        classification = value;
        return this;
    }

    public EventBuilder busyStatus(String value) {
        busyStatus = value;
        return this;
    }

    public EventBuilder outlookDeleted() {
        outlookDeleted = true;
        return this;
    }

    public EventBuilder organizer(String value) {
        organizer = value;
        return this;
    }

    public EventBuilder attendees(int count) {
        attendeeCount = count;
        return this;
    }

    public EventBuilder myPartStat(String value) {
        myPartStat = value;
        return this;
    }

    public EventBuilder onlineMeetingUrl(String value) {
        onlineMeetingUrl = value;
        return this;
    }

    public EventBuilder line(int value) {
        line = value;
        return this;
    }

    public ParsedEvent build() {
        return new ParsedEvent(uid, summary, location, description, start, end, duration, rrules, rdates, exdates,
                recurrenceId, thisAndFuture, sequence, status, transp, classification, busyStatus, outlookDeleted,
                organizer, attendeeCount, myPartStat, onlineMeetingUrl, line);
    }

    /** The event's one timed occurrence in {@code sourceId}, at its start and end (given in UTC or a zone). */
    public Occurrence occurrence(String sourceId) {
        ParsedEvent e = build();
        long s = e.start().toInstant(ZoneOffset.UTC).getEpochSecond();
        long t = e.end() == null ? s : e.end().toInstant(ZoneOffset.UTC).getEpochSecond();
        return new Occurrence(sourceId, e, s, t, s, false);
    }

    /** The event's all-day occurrence in {@code sourceId}, its dates taken in {@code kioskZone}. */
    public Occurrence allDayOccurrence(String sourceId, ZoneId kioskZone) {
        ParsedEvent e = build();
        long s = e.start().local().toLocalDate().atStartOfDay(kioskZone).toEpochSecond();
        long t = e.end().local().toLocalDate().atStartOfDay(kioskZone).toEpochSecond();
        return new Occurrence(sourceId, e, s, t, s, true);
    }

    /** An occurrence of the event at a time of the caller's choosing (an instance of a series, a moved one). */
    public Occurrence occurrence(String sourceId, long start, long end, long originalStart) {
        return new Occurrence(sourceId, build(), start, end, originalStart, false);
    }
}
