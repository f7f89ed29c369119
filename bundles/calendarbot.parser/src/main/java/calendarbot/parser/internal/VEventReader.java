package calendarbot.parser.internal;

import static calendarbot.parser.internal.PropertyName.*;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import calendarbot.parser.shared.EventEnd;
import calendarbot.parser.shared.MeetingLinks;
import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import calendarbot.parser.shared.TextValues;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The VEVENT being read: its kept properties go into one reused {@link EventDraft}, and at END:VEVENT the draft
 * becomes a {@link ParsedEvent} or is reported as malformed. A bad value fails only its event, a bad EXDATE or
 * RDATE value only itself. Unknown properties and parameters cost no Strings.
 */
final class VEventReader {

    static final int MAX_DATES_PER_EVENT = 5000;

    // Where a meeting link was found; a lower rank wins.
    private static final int RANK_TEAMS = 0;
    private static final int RANK_CONFLINK = 1;
    private static final int RANK_EXTERNALLINK = 2;
    private static final int RANK_GOOGLE = 3;
    private static final int RANK_CONFERENCE = 4;
    private static final int RANK_URL = 5;
    private static final int RANK_LOCATION = 6;
    private static final int RANK_DESCRIPTION = 7;

    private static final byte[] DATE = ascii("DATE");
    private static final byte[] THISANDFUTURE = ascii("THISANDFUTURE");
    private static final byte[] TRUE = ascii("TRUE");
    private static final String[] STATUSES = {"CONFIRMED", "TENTATIVE", "CANCELLED"};
    private static final String[] TRANSPS = {"OPAQUE", "TRANSPARENT"};
    private static final String[] CLASSES = {"PUBLIC", "PRIVATE", "CONFIDENTIAL"};
    private static final String[] BUSY = {"BUSY", "FREE", "TENTATIVE", "OOF", "WORKINGELSEWHERE"};
    private static final String[] PARTSTATS = {"ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION", "DELEGATED"};
    private static final byte[] FREQ = ascii("FREQ");
    private static final byte[][] FREQS = {ascii("SECONDLY"), ascii("MINUTELY"), ascii("HOURLY"), ascii("DAILY"),
        ascii("WEEKLY"), ascii("MONTHLY"), ascii("YEARLY")};

    private final ContentLine cl;
    private final UnfoldingLineReader lines;
    private final PropertyValues values;
    private final ZoneResolver zones;
    private final ParseProblems problems;
    private final int maxDescription;
    private final OwnerAddress owner;
    private final EventDraft event = new EventDraft();
    private final EventEnd ends = new EventEnd();
    /** Whether the last {@link #time} value was floating (neither TZID nor UTC nor a date). */
    private boolean floating;
    /** Whether the last {@link #parseTime} value ended in Z. */
    private boolean utc;

    /**
     * @param maxDescription DESCRIPTION is cut to this many characters; 0 drops it
     * @param owner the kiosk owner, whose PARTSTAT is kept; null when none is configured
     */
    VEventReader(ContentLine cl, UnfoldingLineReader lines, PropertyValues values, ZoneResolver zones,
            ParseProblems problems, int maxDescription, OwnerAddress owner) {
        this.cl = cl;
        this.lines = lines;
        this.values = values;
        this.zones = zones;
        this.problems = problems;
        this.maxDescription = maxDescription;
        this.owner = owner;
    }

    /** BEGIN:VEVENT on the current line. */
    void begin() {
        event.reset(lines.lineNumber);
    }

    /** The line of the event's BEGIN:VEVENT. */
    int line() {
        return event.line;
    }

    /** True when the finished event names a TZID whose VTIMEZONE has not come yet. */
    boolean needsZone() {
        return event.needsZone;
    }

    /** One property line of the event (not BEGIN or END). */
    void property(int name) {
        EventDraft e = event;
        switch (name) {
            case UID:
                cl.scanParameters(false);
                e.uid = values.pooledText(cl.valueStart, cl.trimEnd(cl.valueStart, cl.length));
                break;
            case SUMMARY:
                cl.scanParameters(false);
                e.summary = values.pooledText(cl.valueStart, cl.length);
                e.hash(cl.b, cl.valueStart, cl.length);
                break;
            case LOCATION:
                cl.scanParameters(false);
                e.location = values.pooledText(cl.valueStart, cl.length);
                link(RANK_LOCATION);
                break;
            case DESCRIPTION:
                cl.scanParameters(false);
                link(RANK_DESCRIPTION);
                if (maxDescription > 0) {
                    e.description = values.text(cl.valueStart, cl.length, maxDescription);
                }
                break;
            case DTSTART:
                e.start = time(SalvageRule.DTSTART_BAD);
                e.startFloating = floating;
                e.hash(cl.b, cl.valueStart, cl.length);
                break;
            case DTEND:
                e.end = time(SalvageRule.DTEND_BAD);
                e.endFloating = floating;
                break;
            case RECURRENCE_ID:
                e.recurrenceId = time(SalvageRule.RECURRENCE_ID_BAD);
                e.thisAndFuture = cl.paramIs(cl.param(ContentLine.RANGE), THISANDFUTURE);
                break;
            case DURATION:
                duration();
                break;
            case RRULE:
                cl.scanParameters(false);
                rrule();
                break;
            case RDATE:
                dates(true);
                break;
            case EXDATE:
                dates(false);
                break;
            case SEQUENCE: {
                cl.scanParameters(false);
                int n = values.integer(cl.valueStart, cl.length);
                if (n < 0) {
                    // SEQUENCE only orders re-sent invitations: a bad one must not cost the event
                    e.salvage(SalvageRule.SEQUENCE_BAD, lines.lineNumber, values.sample(cl.valueStart, cl.length));
                }
                e.sequence = Math.max(n, 0);
                break;
            }
            case STATUS:
                e.status = values.constant(STATUSES);
                break;
            case TRANSP:
                e.transp = values.constant(TRANSPS);
                break;
            case CLASS:
                e.classification = values.constant(CLASSES);
                break;
            case X_MICROSOFT_CDO_BUSYSTATUS:
                e.busyStatus = values.constant(BUSY);
                break;
            case X_OUTLOOK_DELETED:
                cl.scanParameters(false);
                e.outlookDeleted = cl.valueIs(TRUE);
                break;
            case ORGANIZER:
                cl.scanParameters(false);
                e.organizer = address();
                break;
            case ATTENDEE:
                e.attendees++;
                if (owner != null && e.myPartStat == null) {
                    cl.scanParameters(false);
                    if (owner.isAttendee(cl)) {
                        int k = cl.param(ContentLine.PARTSTAT);
                        // RFC 5545 3.2.12: NEEDS-ACTION when absent
                        e.myPartStat = k < 0 ? "NEEDS-ACTION"
                                : values.constant(cl.paramValueStart[k], cl.paramValueEnd[k], PARTSTATS);
                    }
                }
                break;
            case X_MICROSOFT_SKYPETEAMSMEETINGURL:
                cl.scanParameters(false);
                link(RANK_TEAMS);
                break;
            case X_MICROSOFT_ONLINEMEETINGCONFLINK:
                cl.scanParameters(false);
                link(RANK_CONFLINK);
                break;
            case X_MICROSOFT_ONLINEMEETINGEXTERNALLINK:
                cl.scanParameters(false);
                link(RANK_EXTERNALLINK);
                break;
            case X_GOOGLE_CONFERENCE:
                cl.scanParameters(false);
                link(RANK_GOOGLE);
                break;
            case CONFERENCE:
                cl.scanParameters(false);
                link(RANK_CONFERENCE);
                break;
            case URL:
                cl.scanParameters(false);
                link(RANK_URL);
                break;
            default:
                break;
        }
    }

    /** END:VEVENT: the event, or null when it is dropped; either way reported by its salvage rules. */
    ParsedEvent finish() {
        EventDraft e = event;
        if (e.failure == null && e.start == null) {
            e.salvage(SalvageRule.DTSTART_MISSING, e.line, null);
        }
        if (e.failure != null) {
            problems.apply(e.failure, e.failureLine, subject(), e.failureValue);
            return null;
        }
        if (e.uid == null || e.uid.isEmpty()) {
            e.uid = "synthetic-" + Long.toHexString(e.identityHash);
            e.salvage(SalvageRule.UID_MISSING, e.line, e.uid);
        }
        if (e.end != null) {
            end(e);
        }
        if (!e.repairs.isEmpty()) {
            String subject = subject();
            for (EventDraft.Repair r : e.repairs) {
                problems.apply(r.rule(), r.line(), subject, r.value());
            }
            problems.salvagedComponent();
        }
        return e.toEvent();
    }

    /** DTEND against DTSTART and DURATION, as {@link EventEnd} decides. */
    private void end(EventDraft e) {
        ends.decide(e.start, e.startFloating, e.end, e.endFloating, e.duration);
        e.end = ends.end();
        e.duration = ends.duration();
        for (SalvageRule rule : ends.applied()) {
            e.salvage(rule, e.line, null);
        }
    }

    /** The current event for a person. */
    String subject() {
        return ParseProblems.subject(event.summary, event.uid);
    }

    /** A DTSTART/DTEND/RECURRENCE-ID, {@link #floating} set; null (and {@code bad} applied) when the value is bad. */
    private EventTime time(SalvageRule bad) {
        cl.scanParameters(true);
        boolean asDate = cl.paramIs(cl.param(ContentLine.VALUE), DATE);
        String zone = tzidParameter();
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        EventTime t = parseTime(s, end, asDate, zone);
        if (t == null) {
            event.salvage(bad, lines.lineNumber, values.sample(s, end));
        }
        floating = t != null && zone == null && !t.date() && !utc;
        return t;
    }

    /** DURATION: a bad, negative or absurd one is left out, so the event gets DTEND or the default length. */
    private void duration() {
        cl.scanParameters(false);
        int s = cl.valueStart;
        long seconds = DateTimeValues.durationSeconds(cl.b, s, cl.length);
        SalvageRule bad = seconds == DateTimeValues.BAD_DURATION ? SalvageRule.DURATION_BAD
                : EventEnd.durationProblem(seconds);
        if (bad == null) {
            event.duration = Duration.ofSeconds(seconds);
        } else {
            event.salvage(bad, lines.lineNumber, values.sample(s, cl.trimEnd(s, cl.length)));
        }
    }

    /** EXDATE or RDATE: comma-separated values, several properties; RDATE also as PERIODs. */
    private void dates(boolean rdate) {
        cl.scanParameters(true);
        byte[] b = cl.b;
        int valueKind = cl.param(ContentLine.VALUE);
        boolean asDate = cl.paramIs(valueKind, DATE);
        String zone = tzidParameter();
        int s = cl.valueStart;
        int end = cl.length;
        while (s < end) {
            int comma = ContentLine.indexOf(b, ',', s, end);
            if (comma < 0) {
                comma = end;
            }
            int valueEnd = cl.trimEnd(s, comma);
            while (s < valueEnd && b[s] == ' ') {
                s++;
            }
            if (s < valueEnd) {
                int slash = rdate ? ContentLine.indexOf(b, '/', s, valueEnd) : -1;
                if (event.rdates.size() + event.exdates.size() >= MAX_DATES_PER_EVENT) {
                    if (!event.datesOverLimit) {
                        event.datesOverLimit = true;
                        event.salvage(SalvageRule.DATES_OVER_LIMIT, lines.lineNumber, null);
                    }
                    return;
                }
                if (slash >= 0) {
                    RecurrenceDate period = period(s, slash, valueEnd, zone);
                    if (period == null) {
                        event.salvage(SalvageRule.RDATE_BAD, lines.lineNumber, values.sample(s, valueEnd));
                    } else {
                        event.rdates.add(period);
                    }
                } else {
                    EventTime t = parseTime(s, valueEnd, asDate, zone);
                    if (t == null) {
                        // one bad value must not lose the whole series: drop the value, keep the event
                        event.salvage(rdate ? SalvageRule.RDATE_BAD : SalvageRule.EXDATE_BAD, lines.lineNumber,
                                values.sample(s, valueEnd));
                    } else if (rdate) {
                        event.rdates.add(RecurrenceDate.of(t));
                    } else {
                        event.exdates.add(t);
                    }
                }
            }
            s = comma + 1;
        }
    }

    private RecurrenceDate period(int s, int slash, int end, String zone) {
        EventTime start = parseTime(s, slash, false, zone);
        if (start == null || start.date()) {
            return null;
        }
        long seconds = DateTimeValues.durationSeconds(cl.b, slash + 1, end);
        if (seconds != DateTimeValues.BAD_DURATION) {
            return new RecurrenceDate(start, Duration.ofSeconds(seconds));
        }
        EventTime until = parseTime(slash + 1, end, false, zone);
        if (until == null || until.date()) {
            return null;
        }
        Duration length = start.zone() != null && until.zone() != null
                ? Duration.between(EventTime.toInstant(start.local(), start.zone()),
                        EventTime.toInstant(until.local(), until.zone()))
                : Duration.between(start.local(), until.local());
        return length.isNegative() ? null : new RecurrenceDate(start, length);
    }

    /**
     * One DATE or DATE-TIME value. VALUE=DATE makes a date of it even if a time was written (feeds that
     * declare an all-day event mean one); 8 digits are a date even without VALUE=DATE.
     */
    private EventTime parseTime(int s, int end, boolean asDate, String zone) {
        long packed = DateTimeValues.parse(cl.b, s, end);
        if (packed == DateTimeValues.BAD) {
            return null;
        }
        if (asDate || !DateTimeValues.hasTime(packed)) {
            return EventTime.ofDate(DateTimeValues.date(packed));
        }
        LocalDateTime local = DateTimeValues.dateTime(packed);
        ZoneResolver.Zone z;
        utc = DateTimeValues.isUtc(packed);
        if (utc) {
            z = ZoneResolver.UTC;
        } else if (zone != null) {
            z = zones.lookup(zone, lines.lineNumber);
            if (z == null) {
                event.needsZone = true;
                return new EventTime(local, null, zone, false);
            }
        } else {
            z = zones.floating();
        }
        return new EventTime(local, z.rules(), z.tzid(), false);
    }

    private String tzidParameter() {
        int k = cl.param(ContentLine.TZID);
        if (k < 0) {
            return null;
        }
        byte[] b = cl.b;
        int s = cl.paramValueStart[k];
        int end = cl.trimEnd(s, cl.paramValueEnd[k]);
        while (s < end && b[s] == ' ') {
            s++;
        }
        return s < end ? values.pooledRaw(s, end) : null;
    }

    private void rrule() {
        byte[] b = cl.b;
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        if (s == end) {
            event.salvage(SalvageRule.RRULE_EMPTY, lines.lineNumber, null);
        } else if (validRule(s, end)) {
            event.rrules.add(values.pooledRaw(s, end));
        } else {
            String written = TextValues.utf8(b, s, end);
            String kept = RuleParts.repaired(written);
            if (kept == null) {
                event.salvage(SalvageRule.RRULE_WITHOUT_FREQ, lines.lineNumber, values.sample(s, end));
            } else {
                event.salvage(SalvageRule.RRULE_JUNK_PARTS, lines.lineNumber, values.sample(s, end));
                event.rrules.add(kept);
            }
        }
    }

    /** Basic RRULE syntax (RFC 5545 3.3.10): NAME=VALUE parts separated by ';', one of them a valid FREQ. */
    private boolean validRule(int s, int end) {
        byte[] b = cl.b;
        boolean freq = false;
        int part = s;
        while (part < end) {
            int semi = ContentLine.indexOf(b, ';', part, end);
            if (semi < 0) {
                semi = end;
            }
            int eq = ContentLine.indexOf(b, '=', part, semi);
            if (eq <= part || eq == semi - 1) {
                if (semi > part) {
                    return false; // a part without NAME=VALUE
                }
            } else if (PropertyName.equalsUpper(b, part, eq, FREQ)) {
                int vs = eq + 1;
                for (byte[] f : FREQS) {
                    if (PropertyName.equalsUpper(b, vs, semi, f)) {
                        freq = true;
                    }
                }
                if (!freq) {
                    return false;
                }
            }
            part = semi + 1;
        }
        return freq;
    }

    private void link(int rank) {
        if (rank >= event.meetingRank) {
            return;
        }
        String url = MeetingLinks.find(cl.b, cl.valueStart, cl.length);
        if (url != null) {
            event.meetingUrl = url;
            event.meetingRank = rank;
        }
    }

    /** ORGANIZER's address without "mailto:". */
    private String address() {
        byte[] b = cl.b;
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        s = OwnerAddress.afterMailto(b, s, end);
        return s < end ? values.pooledRaw(s, end) : null;
    }
}
