package calendarbot.parser.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import calendarbot.parser.shared.SalvageRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The kept properties of the one VEVENT being read; reused from event to event. */
final class EventDraft {

    int line;
    String uid;
    String summary;
    String location;
    String description;
    EventTime start;
    EventTime end;
    Duration duration;
    final List<String> rrules = new ArrayList<>(2);
    final List<RecurrenceDate> rdates = new ArrayList<>();
    final List<EventTime> exdates = new ArrayList<>();
    EventTime recurrenceId;
    boolean thisAndFuture;
    int sequence;
    String status;
    String transp;
    String classification;
    String busyStatus;
    boolean outlookDeleted;
    String organizer;
    int attendees;
    String myPartStat;
    String meetingUrl;
    int meetingRank;
    /** Some value names a TZID that is not resolved yet (its VTIMEZONE may follow). */
    boolean needsZone;
    /** DTSTART/DTEND had neither TZID nor UTC (floating time). */
    boolean startFloating;
    boolean endFloating;
    boolean datesOverLimit;
    /** The rule that drops the component, or null; with its line and value. */
    SalvageRule failure;
    int failureLine;
    String failureValue;
    /** Values repaired or ignored; reported when the component is kept. Usually empty. */
    final List<Repair> repairs = new ArrayList<>(0);
    /** Hash of DTSTART's and SUMMARY's raw bytes, for a synthetic UID. */
    long identityHash;

    void reset(int beginLine) {
        line = beginLine;
        uid = null;
        summary = null;
        location = null;
        description = null;
        start = null;
        end = null;
        duration = null;
        rrules.clear();
        rdates.clear();
        exdates.clear();
        recurrenceId = null;
        thisAndFuture = false;
        sequence = 0;
        status = null;
        transp = null;
        classification = null;
        busyStatus = null;
        outlookDeleted = false;
        organizer = null;
        attendees = 0;
        myPartStat = null;
        meetingUrl = null;
        meetingRank = Integer.MAX_VALUE;
        needsZone = false;
        startFloating = false;
        endFloating = false;
        datesOverLimit = false;
        failure = null;
        repairs.clear();
        identityHash = 0xcbf29ce484222325L;
    }

    /** One application of a salvage rule to a value, kept until the component ends. */
    record Repair(SalvageRule rule, int line, String value) {
    }

    /** A value on {@code line} broke {@code rule}: the component is dropped or the value repaired, as the rule says. */
    void salvage(SalvageRule rule, int line, String value) {
        if (!rule.dropsComponent()) {
            repairs.add(new Repair(rule, line, value));
        } else if (failure == null) {
            failure = rule;
            failureLine = line;
            failureValue = value;
        }
    }

    void hash(byte[] b, int from, int to) {
        long h = identityHash;
        for (int i = from; i < to; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        identityHash = h ^ '|';
    }

    ParsedEvent toEvent() {
        return new ParsedEvent(uid, summary, location, description, start, end, duration, rrules, rdates, exdates,
                recurrenceId, thisAndFuture, sequence, status, transp, classification, busyStatus, outlookDeleted,
                organizer, attendees, myPartStat, meetingUrl, line);
    }
}
