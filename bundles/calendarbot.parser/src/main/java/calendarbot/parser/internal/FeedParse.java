package calendarbot.parser.internal;

import static calendarbot.parser.internal.PropertyName.*;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParseReport.ParseError;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parse of one feed: a state machine over the logical lines of {@link UnfoldingLineReader}. It
 * holds the current VEVENT's kept properties, the current VTIMEZONE, and the few events whose TZID is
 * waiting for a VTIMEZONE that comes later in the feed; everything else goes to the sink at once.
 */
final class FeedParse {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingIcsParser.class);

    static final int MAX_ERRORS = 50;
    /** Events held back for a VTIMEZONE that has not come yet; beyond this the TZID falls back. */
    static final int MAX_PENDING = 512;
    /** Lines tolerated before BEGIN:VCALENDAR (a PHP notice, a stray blank line). */
    private static final int MAX_JUNK_LINES = 20;
    private static final int MAX_DATES_PER_EVENT = 5000;
    private static final int MAX_OBSERVANCES = 200;
    private static final int MAX_TZ_RDATES = 500;
    /** TZIDs already logged as falling back, so a 5-minute refresh does not repeat the warning. */
    private static final Set<String> LOGGED_FALLBACKS = ConcurrentHashMap.newKeySet();

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

    private enum State { OUTSIDE, CALENDAR, EVENT, TIMEZONE }

    private final UnfoldingLineReader lines;
    private final ContentLine cl = new ContentLine();
    private final Consumer<ParsedEvent> sink;
    private final ZoneResolver zones;
    private final int maxDescription;
    private final byte[] me;
    private final StringPool textPool = new StringPool();
    private final StringPool rawPool = new StringPool();
    private final EventDraft event = new EventDraft();
    private byte[] scratch = new byte[1024];
    private byte[] b;

    private State state = State.OUTSIDE;
    private int skipDepth;
    /** VCALENDARs nested in the current one (some concatenating servers wrap calendars in a calendar). */
    private int nestedCalendars;
    private boolean sawCalendar;
    private boolean sawContent;
    private int junkLines;
    private String firstLine;

    private String tzid;
    private String licLocation;
    private int tzLine;
    private final List<VTimezoneRules.Observance> observances = new ArrayList<>();
    private VTimezoneRules.Observance observance;

    private String calendarName;
    private String calendarZone;
    private int events;
    private int masters;
    private int overrides;
    private int skipped;
    private final List<ParseError> errors = new ArrayList<>();
    private List<ParsedEvent> pending = new ArrayList<>();

    /**
     * @param maxDescription DESCRIPTION is cut to this many characters; 0 drops it
     * @param meAddress the kiosk owner's address (with or without mailto:), or null
     */
    FeedParse(InputStream in, ZoneId kioskZone, String meAddress, int maxDescription, int maxLineLength,
            Consumer<ParsedEvent> sink) {
        this.lines = new UnfoldingLineReader(in, maxLineLength);
        this.zones = new ZoneResolver(kioskZone);
        this.maxDescription = maxDescription;
        this.sink = sink;
        String address = meAddress == null ? "" : stripMailto(meAddress.trim());
        this.me = address.isEmpty() ? null : address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    ParseReport run() throws IOException {
        long started = System.nanoTime();
        boolean first = true;
        while (lines.next()) {
            b = lines.line;
            int len = lines.length;
            if (first) {
                first = false;
                if (len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
                    System.arraycopy(b, 3, b, 0, len - 3);
                    len -= 3;
                }
            }
            if (!sawContent && !firstContent(len)) {
                continue;
            }
            if (!cl.scanName(b, len)) {
                continue;
            }
            int name = cl.name();
            if (skipDepth > 0 && !skipping(name)) {
                continue;
            }
            switch (state) {
                case OUTSIDE:
                    outside(name);
                    break;
                case CALENDAR:
                    calendar(name);
                    break;
                case EVENT:
                    eventLine(name);
                    break;
                case TIMEZONE:
                    timezoneLine(name);
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
        if (state != State.OUTSIDE) {
            throw new NotACalendarException("truncated: the feed ends after " + lines.bytesRead() + " bytes ("
                    + lines.physicalLines() + " lines) without END:VCALENDAR");
        }
        if (!sawCalendar) {
            if (!sawContent) {
                throw new NotACalendarException(lines.bytesRead() == 0 ? "empty body" : "empty body (only blank lines)");
            }
            throw new NotACalendarException("no BEGIN:VCALENDAR; the body starts with '" + firstLine + "'");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ParseReport(calendarName, calendarZone, lines.bytesRead(), events, masters, overrides, skipped,
                List.copyOf(errors), lines.truncatedLines(), Collections.unmodifiableMap(new LinkedHashMap<>(zones.report())),
                zones.fallbacks(), millis);
    }

    /** Checks the first non-blank line; false while lines are blank. */
    private boolean firstContent(int len) throws NotACalendarException {
        int i = 0;
        while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == 0)) {
            i++;
        }
        if (i == len) {
            return false;
        }
        sawContent = true;
        firstLine = sample(i, len);
        if (b[i] == '<') {
            throw new NotACalendarException("an HTML/XML page, not a calendar: '" + firstLine + "'");
        }
        return true;
    }

    /** Inside a skipped component: false while the line stays skipped. */
    private boolean skipping(int name) {
        if (name == BEGIN) {
            skipDepth++;
            return false;
        }
        if (name != END) {
            return false;
        }
        int component = componentOf();
        // An unclosed VALARM must not swallow its VEVENT, nor anything its VCALENDAR.
        if (component == VCALENDAR || (state == State.EVENT && component == VEVENT)
                || (state == State.TIMEZONE && component == VTIMEZONE)) {
            skipDepth = 0;
            return true;
        }
        skipDepth--;
        return false;
    }

    private int componentOf() {
        if (cl.valueStart < 0) {
            cl.scanParameters(false);
        }
        return cl.valueName();
    }

    private void outside(int name) throws NotACalendarException {
        if (name == BEGIN && componentOf() == VCALENDAR) {
            state = State.CALENDAR;
            sawCalendar = true;
            nestedCalendars = 0;
            return;
        }
        if (!sawCalendar && ++junkLines > MAX_JUNK_LINES) {
            throw new NotACalendarException("no BEGIN:VCALENDAR; the body starts with '" + firstLine + "'");
        }
    }

    private void calendar(int name) {
        switch (name) {
            case BEGIN: {
                int component = componentOf();
                if (component == VEVENT) {
                    beginEvent();
                } else if (component == VTIMEZONE) {
                    beginTimezone();
                } else if (component == VCALENDAR) {
                    nestedCalendars++;
                } else {
                    skipDepth = 1; // VTODO, VJOURNAL, VFREEBUSY, X- components
                }
                break;
            }
            case END:
                if (componentOf() == VCALENDAR) {
                    endCalendar();
                }
                break;
            case X_WR_CALNAME:
                if (calendarName == null) {
                    cl.scanParameters(false);
                    calendarName = text(cl.valueStart, cl.length, Integer.MAX_VALUE);
                }
                break;
            case X_WR_TIMEZONE:
                cl.scanParameters(false);
                calendarZone = text(cl.valueStart, cl.trimEnd(cl.valueStart, cl.length), Integer.MAX_VALUE).trim();
                zones.calendarZone(calendarZone);
                break;
            default:
                break;
        }
    }

    /** END:VCALENDAR, possibly of a nested calendar. */
    private void endCalendar() {
        if (nestedCalendars > 0) {
            nestedCalendars--;
            state = State.CALENDAR;
            return;
        }
        state = State.OUTSIDE;
        resolvePending(true);
    }

    // ---- VEVENT ----

    private void beginEvent() {
        state = State.EVENT;
        event.reset(lines.lineNumber);
    }

    private void eventLine(int name) {
        switch (name) {
            case BEGIN: {
                if (componentOf() == VEVENT) {
                    malformed(event.line, "VEVENT not closed before the next BEGIN:VEVENT on line " + lines.lineNumber);
                    beginEvent();
                } else {
                    skipDepth = 1; // VALARM and other nested components
                }
                return;
            }
            case END: {
                int component = componentOf();
                if (component == VEVENT) {
                    endEvent();
                } else if (component == VCALENDAR) {
                    malformed(event.line, "VEVENT not closed before END:VCALENDAR");
                    endCalendar();
                }
                return;
            }
            case UNKNOWN:
                return;
            default:
                break;
        }
        EventDraft e = event;
        switch (name) {
            case UID:
                cl.scanParameters(false);
                e.uid = pooledText(cl.valueStart, cl.trimEnd(cl.valueStart, cl.length));
                break;
            case SUMMARY:
                cl.scanParameters(false);
                e.summary = pooledText(cl.valueStart, cl.length);
                e.hash(b, cl.valueStart, cl.length);
                break;
            case LOCATION:
                cl.scanParameters(false);
                e.location = pooledText(cl.valueStart, cl.length);
                link(RANK_LOCATION);
                break;
            case DESCRIPTION:
                cl.scanParameters(false);
                link(RANK_DESCRIPTION);
                if (maxDescription > 0) {
                    e.description = text(cl.valueStart, cl.length, maxDescription);
                }
                break;
            case DTSTART:
                e.start = time("DTSTART");
                e.hash(b, cl.valueStart, cl.length);
                break;
            case DTEND:
                e.end = time("DTEND");
                break;
            case RECURRENCE_ID:
                e.recurrenceId = time("RECURRENCE-ID");
                e.thisAndFuture = cl.paramIs(cl.param(ContentLine.RANGE), THISANDFUTURE);
                break;
            case DURATION: {
                cl.scanParameters(false);
                long seconds = DateTimeValues.durationSeconds(b, cl.valueStart, cl.length);
                if (seconds == DateTimeValues.BAD_DURATION) {
                    e.fail("bad DURATION '" + sample(cl.valueStart, cl.length) + "'");
                } else {
                    e.duration = Duration.ofSeconds(seconds);
                }
                break;
            }
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
            case SEQUENCE:
                cl.scanParameters(false);
                e.sequence = integer(cl.valueStart, cl.length);
                break;
            case STATUS:
                e.status = constant(STATUSES);
                break;
            case TRANSP:
                e.transp = constant(TRANSPS);
                break;
            case CLASS:
                e.classification = constant(CLASSES);
                break;
            case X_MICROSOFT_CDO_BUSYSTATUS:
                e.busyStatus = constant(BUSY);
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
                if (me != null && e.myPartStat == null) {
                    cl.scanParameters(false);
                    if (isMe()) {
                        int k = cl.param(ContentLine.PARTSTAT);
                        // RFC 5545 3.2.12: NEEDS-ACTION when absent
                        e.myPartStat = k < 0 ? "NEEDS-ACTION"
                                : constant(cl.paramValueStart[k], cl.paramValueEnd[k], PARTSTATS);
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

    private void endEvent() {
        state = State.CALENDAR;
        EventDraft e = event;
        if (e.failure != null) {
            malformed(e.line, e.failure);
            return;
        }
        if (e.start == null) {
            malformed(e.line, "VEVENT without DTSTART");
            return;
        }
        if (e.uid == null || e.uid.isEmpty()) {
            e.uid = "synthetic-" + Long.toHexString(e.identityHash);
            warn(e.line, "VEVENT without UID; using " + e.uid);
        }
        if (e.end != null && e.duration != null) {
            e.duration = null; // RFC 5545 forbids both; Outlook shows DTEND
        }
        if (e.end != null && !e.needsZone && endsBeforeStart(e.start, e.end)) {
            warn(e.line, "DTEND before DTSTART; DTEND ignored");
            e.end = null;
        }
        ParsedEvent parsed = e.toEvent();
        if (e.needsZone) {
            pending.add(parsed);
            if (pending.size() > MAX_PENDING) {
                resolvePending(true);
            }
        } else {
            emit(parsed);
        }
    }

    private static boolean endsBeforeStart(EventTime start, EventTime end) {
        if (start.date() || end.date()) {
            return end.local().isBefore(start.local());
        }
        return EventTime.toInstant(end.local(), end.zone()).isBefore(EventTime.toInstant(start.local(), start.zone()));
    }

    private void emit(ParsedEvent parsed) {
        events++;
        if (parsed.isRecurring()) {
            masters++;
        }
        if (parsed.isOverride()) {
            overrides++;
        }
        sink.accept(parsed);
    }

    private void malformed(int line, String reason) {
        skipped++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(new ParseError(line, reason));
        }
    }

    private void warn(int line, String reason) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new ParseError(line, reason));
        }
    }

    /** A DTSTART/DTEND/RECURRENCE-ID; null (and the event marked malformed) when the value is bad. */
    private EventTime time(String property) {
        cl.scanParameters(true);
        boolean asDate = cl.paramIs(cl.param(ContentLine.VALUE), DATE);
        String zone = tzidParameter();
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        EventTime t = parseTime(s, end, asDate, zone);
        if (t == null) {
            event.fail("bad " + property + " '" + sample(s, end) + "'");
        }
        return t;
    }

    /** EXDATE or RDATE: comma-separated values, several properties; RDATE also as PERIODs. */
    private void dates(boolean rdate) {
        cl.scanParameters(true);
        int valueKind = cl.param(ContentLine.VALUE);
        boolean asDate = cl.paramIs(valueKind, DATE);
        String zone = tzidParameter();
        int s = cl.valueStart;
        int end = cl.length;
        String property = rdate ? "RDATE" : "EXDATE";
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
                    warn(event.line, "more than " + MAX_DATES_PER_EVENT + " RDATE/EXDATE values; the rest ignored");
                    return;
                }
                if (slash >= 0) {
                    RecurrenceDate period = period(s, slash, valueEnd, zone);
                    if (period == null) {
                        warn(lines.lineNumber, "bad RDATE period '" + sample(s, valueEnd) + "' ignored");
                    } else {
                        event.rdates.add(period);
                    }
                } else {
                    EventTime t = parseTime(s, valueEnd, asDate, zone);
                    if (t == null) {
                        // one bad value must not lose the whole series: drop the value, keep the event
                        warn(lines.lineNumber, "bad " + property + " value '" + sample(s, valueEnd) + "' ignored");
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
        long seconds = DateTimeValues.durationSeconds(b, slash + 1, end);
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
        long packed = DateTimeValues.parse(b, s, end);
        if (packed == DateTimeValues.BAD) {
            return null;
        }
        if (asDate || !DateTimeValues.hasTime(packed)) {
            return EventTime.ofDate(DateTimeValues.date(packed));
        }
        LocalDateTime local = DateTimeValues.dateTime(packed);
        ZoneResolver.Zone z;
        if (DateTimeValues.isUtc(packed)) {
            z = ZoneResolver.UTC;
        } else if (zone != null) {
            z = zones.lookup(zone);
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
        int s = cl.paramValueStart[k];
        int end = cl.trimEnd(s, cl.paramValueEnd[k]);
        while (s < end && b[s] == ' ') {
            s++;
        }
        return s < end ? pooledRaw(s, end) : null;
    }

    private void rrule() {
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        if (!validRule(s, end)) {
            event.fail("RRULE without a valid FREQ: '" + sample(s, end) + "'");
            return;
        }
        event.rrules.add(pooledRaw(s, end));
    }

    /** Basic RRULE syntax (RFC 5545 3.3.10): NAME=VALUE parts separated by ';', one of them a valid FREQ. */
    private boolean validRule(int s, int end) {
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
        String url = MeetingLinks.find(b, cl.valueStart, cl.length);
        if (url != null) {
            event.meetingUrl = url;
            event.meetingRank = rank;
        }
    }

    /** ORGANIZER's address without "mailto:". */
    private String address() {
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        if (startsWithMailto(s, end)) {
            s += 7;
        }
        return s < end ? pooledRaw(s, end) : null;
    }

    private boolean isMe() {
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        if (startsWithMailto(s, end)) {
            s += 7;
        }
        if (sameAddress(s, end)) {
            return true;
        }
        // Google writes ATTENDEE;EMAIL=a@b:invalid:nomail for guests without an address
        int k = cl.param(ContentLine.EMAIL);
        return k >= 0 && sameAddress(cl.paramValueStart[k], cl.trimEnd(cl.paramValueStart[k], cl.paramValueEnd[k]));
    }

    private boolean sameAddress(int s, int end) {
        if (end - s != me.length) {
            return false;
        }
        for (int i = 0; i < me.length; i++) {
            byte c = b[s + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != me[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithMailto(int s, int end) {
        return end - s >= 7 && PropertyName.equalsUpper(b, s, s + 7, MAILTO);
    }

    private static final byte[] MAILTO = ascii("MAILTO:");

    private static String stripMailto(String address) {
        return address.regionMatches(true, 0, "mailto:", 0, 7) ? address.substring(7).trim() : address;
    }

    private String constant(String[] known) {
        cl.scanParameters(false);
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        return s < end ? constant(s, end, known) : null;
    }

    /** The upper-cased value, as the shared constant when it is one of {@code known}. */
    private String constant(int s, int end, String[] known) {
        for (String k : known) {
            if (end - s == k.length()) {
                boolean same = true;
                for (int i = 0; i < k.length() && same; i++) {
                    same = PropertyName.upper(b[s + i]) == k.charAt(i);
                }
                if (same) {
                    return k;
                }
            }
        }
        String pooled = rawPool.get(b, s, end);
        return pooled != null ? pooled
                : rawPool.put(b, s, end, TextValues.utf8(b, s, end).toUpperCase(Locale.ROOT));
    }

    private int integer(int s, int end) {
        long n = 0;
        boolean digits = false;
        for (int i = s; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits = true;
                if (n > Integer.MAX_VALUE) {
                    return 0;
                }
            } else if (c != ' ' && c != '+') {
                return 0;
            }
        }
        return digits ? (int) n : 0;
    }

    // ---- VTIMEZONE ----

    private void beginTimezone() {
        state = State.TIMEZONE;
        tzid = null;
        licLocation = null;
        tzLine = lines.lineNumber;
        observances.clear();
        observance = null;
    }

    private void timezoneLine(int name) {
        switch (name) {
            case BEGIN: {
                int component = componentOf();
                if ((component == STANDARD || component == DAYLIGHT) && observance == null
                        && observances.size() < MAX_OBSERVANCES) {
                    observance = new VTimezoneRules.Observance(component == DAYLIGHT);
                } else {
                    skipDepth = 1;
                }
                return;
            }
            case END: {
                int component = componentOf();
                if (component == STANDARD || component == DAYLIGHT) {
                    if (observance != null) {
                        observances.add(observance);
                        observance = null;
                    }
                } else if (component == VTIMEZONE) {
                    endTimezone();
                } else if (component == VCALENDAR) {
                    endTimezone();
                    endCalendar();
                }
                return;
            }
            case TZID:
                if (observance == null) {
                    cl.scanParameters(false);
                    int s = cl.valueStart;
                    int end = cl.trimEnd(s, cl.length);
                    tzid = s < end ? pooledRaw(s, end) : null;
                }
                return;
            case X_LIC_LOCATION:
                cl.scanParameters(false);
                licLocation = TextValues.utf8(b, cl.valueStart, cl.trimEnd(cl.valueStart, cl.length));
                return;
            default:
                break;
        }
        VTimezoneRules.Observance o = observance;
        if (o == null) {
            return;
        }
        switch (name) {
            case TZOFFSETFROM:
                cl.scanParameters(false);
                o.from = DateTimeValues.offsetSeconds(b, cl.valueStart, cl.length);
                break;
            case TZOFFSETTO:
                cl.scanParameters(false);
                o.to = DateTimeValues.offsetSeconds(b, cl.valueStart, cl.length);
                break;
            case DTSTART: {
                cl.scanParameters(true);
                long packed = DateTimeValues.parse(b, cl.valueStart, cl.length);
                o.start = packed == DateTimeValues.BAD ? null
                        : DateTimeValues.hasTime(packed) ? DateTimeValues.dateTime(packed)
                        : DateTimeValues.date(packed).atStartOfDay();
                break;
            }
            case RRULE:
                cl.scanParameters(false);
                if (o.rrules.size() < 10) {
                    o.rrules.add(TextValues.utf8(b, cl.valueStart, cl.trimEnd(cl.valueStart, cl.length)));
                }
                break;
            case RDATE: {
                cl.scanParameters(true);
                int s = cl.valueStart;
                while (s < cl.length && o.rdates.size() < MAX_TZ_RDATES) {
                    int comma = ContentLine.indexOf(b, ',', s, cl.length);
                    if (comma < 0) {
                        comma = cl.length;
                    }
                    long packed = DateTimeValues.parse(b, s, comma);
                    if (packed != DateTimeValues.BAD && DateTimeValues.hasTime(packed)) {
                        o.rdates.add(DateTimeValues.dateTime(packed));
                    }
                    s = comma + 1;
                }
                break;
            }
            default:
                break;
        }
    }

    private void endTimezone() {
        state = State.CALENDAR;
        if (observance != null) {
            observances.add(observance);
            observance = null;
        }
        if (tzid == null) {
            warn(tzLine, "VTIMEZONE without TZID ignored");
            return;
        }
        String problem = zones.define(tzid, licLocation, observances);
        if (problem != null) {
            ZoneResolver.Zone zone = zones.fallback(tzid);
            warn(tzLine, "VTIMEZONE '" + tzid + "' unusable (" + problem + "); its times are shown in " + zone.tzid());
            logFallback(tzid, zone);
        }
        if (!pending.isEmpty()) {
            resolvePending(false);
        }
    }

    // ---- events waiting for a VTIMEZONE ----

    /** Hands on the held events whose zones are now known; with {@code last}, all of them, falling back. */
    private void resolvePending(boolean last) {
        if (pending.isEmpty()) {
            return;
        }
        List<ParsedEvent> waiting = pending;
        pending = new ArrayList<>();
        for (ParsedEvent p : waiting) {
            if (last || resolvable(p)) {
                emit(rezoned(p));
            } else {
                pending.add(p);
            }
        }
    }

    private boolean resolvable(ParsedEvent p) {
        if (!known(p.start()) || !known(p.end()) || !known(p.recurrenceId())) {
            return false;
        }
        for (EventTime t : p.exdates()) {
            if (!known(t)) {
                return false;
            }
        }
        for (RecurrenceDate r : p.rdates()) {
            if (!known(r.start())) {
                return false;
            }
        }
        return true;
    }

    private boolean known(EventTime t) {
        return t == null || t.zone() != null || t.date() || zones.isKnown(t.tzid());
    }

    private ParsedEvent rezoned(ParsedEvent p) {
        List<EventTime> exdates = new ArrayList<>(p.exdates().size());
        for (EventTime t : p.exdates()) {
            exdates.add(rezoned(t, p.line()));
        }
        List<RecurrenceDate> rdates = new ArrayList<>(p.rdates().size());
        for (RecurrenceDate r : p.rdates()) {
            rdates.add(new RecurrenceDate(rezoned(r.start(), p.line()), r.duration()));
        }
        EventTime start = rezoned(p.start(), p.line());
        EventTime end = rezoned(p.end(), p.line());
        if (end != null && endsBeforeStart(start, end)) {
            warn(p.line(), "DTEND before DTSTART; DTEND ignored");
            end = null;
        }
        return new ParsedEvent(p.uid(), p.summary(), p.location(), p.description(), start, end, p.duration(),
                p.rrules(), rdates, exdates, rezoned(p.recurrenceId(), p.line()), p.thisAndFuture(), p.sequence(),
                p.status(), p.transp(), p.classification(), p.busyStatus(), p.outlookDeleted(), p.organizer(),
                p.attendeeCount(), p.myPartStat(), p.onlineMeetingUrl(), p.line());
    }

    private EventTime rezoned(EventTime t, int line) {
        if (t == null || t.date() || t.zone() != null) {
            return t;
        }
        ZoneResolver.Zone zone = zones.lookup(t.tzid());
        if (zone == null) {
            zone = zones.fallback(t.tzid());
            warn(line, "unknown TZID '" + t.tzid() + "' without VTIMEZONE; its times are shown in " + zone.tzid());
            logFallback(t.tzid(), zone);
        }
        return new EventTime(t.local(), zone.rules(), zone.tzid(), false);
    }

    private static void logFallback(String tzid, ZoneResolver.Zone zone) {
        if (LOGGED_FALLBACKS.size() < 100 && LOGGED_FALLBACKS.add(tzid)) {
            LOG.warn("A feed uses the time zone '{}', which is neither a known name nor defined by a usable VTIMEZONE;"
                    + " its times are shown in {}", tzid, zone.tzid());
        }
    }

    // ---- values ----

    /** TEXT value, unescaped, cut to {@code maxChars}. */
    private String text(int s, int end, int maxChars) {
        // maxChars characters never need more than 4 bytes each: decode no more of a 30 KB description
        int maxBytes = maxChars >= (Integer.MAX_VALUE - 8) / 4 ? Integer.MAX_VALUE : maxChars * 4 + 8;
        int prefixEnd = end - s > maxBytes ? s + maxBytes : end;
        if (!TextValues.hasEscape(b, s, prefixEnd)) {
            return TextValues.cut(TextValues.utf8(b, s, prefixEnd), maxChars);
        }
        int n = Math.min(end - s, maxBytes);
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        int written = TextValues.unescape(b, s, end, scratch, n);
        return TextValues.cut(TextValues.utf8(scratch, 0, written), maxChars);
    }

    private String pooledText(int s, int end) {
        String pooled = textPool.get(b, s, end);
        return pooled != null ? pooled : textPool.put(b, s, end, text(s, end, Integer.MAX_VALUE));
    }

    private String pooledRaw(int s, int end) {
        String pooled = rawPool.get(b, s, end);
        return pooled != null ? pooled : rawPool.put(b, s, end, TextValues.utf8(b, s, end));
    }

    /** Up to 60 characters of a value for a message, control characters shown as '?'. */
    private String sample(int s, int end) {
        String text = TextValues.utf8(b, s, Math.min(end, s + 60));
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < ' ' ? '?' : c);
        }
        return end - s > 60 ? out + "..." : out.toString();
    }
}
