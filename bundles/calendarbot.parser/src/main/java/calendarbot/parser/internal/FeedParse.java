package calendarbot.parser.internal;

import static calendarbot.parser.internal.PropertyName.*;

import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.shared.DeliveredEvents;
import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import calendarbot.parser.shared.TextValues;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * One parse of one feed: a state machine over the logical lines of {@link UnfoldingLineReader} that decides which
 * component each line belongs to. The current VEVENT is kept by {@link VEventReader}, the current VTIMEZONE by
 * {@link VTimezoneReader}, and the few events whose TZID waits for a VTIMEZONE that comes later in the feed by
 * {@link EventsAwaitingZone}; everything else goes to the sink at once.
 */
final class FeedParse {

    /** Lines tolerated before BEGIN:VCALENDAR (a PHP notice, a stray blank line). */
    private static final int MAX_JUNK_LINES = 20;

    private enum State { OUTSIDE, CALENDAR, EVENT, TIMEZONE }

    private final UnfoldingLineReader lines;
    private final ContentLine cl = new ContentLine();
    private final DeliveredEvents sink;
    private final ZoneResolver zones;
    private final PropertyValues values = new PropertyValues(cl);
    private final ParseProblems problems = new ParseProblems();
    private final VEventReader event;
    private final VTimezoneReader timezone;
    private final EventsAwaitingZone awaiting;
    private byte[] b;

    private State state = State.OUTSIDE;
    private int skipDepth;
    /** VCALENDARs nested in the current one (some concatenating servers wrap calendars in a calendar). */
    private int nestedCalendars;
    private boolean sawCalendar;
    private boolean sawContent;
    private int junkLines;
    private String firstLine;

    private String calendarName;
    private String calendarZone;

    /**
     * @param maxDescription DESCRIPTION is cut to this many characters; 0 drops it
     * @param meAddress the kiosk owner's address (with or without mailto:), or null
     */
    FeedParse(InputStream in, ZoneId kioskZone, String meAddress, int maxDescription, int maxLineLength,
            Consumer<ParsedEvent> sink) {
        this.lines = new UnfoldingLineReader(in, maxLineLength);
        this.zones = new ZoneResolver(kioskZone, problems);
        this.sink = new DeliveredEvents(sink);
        this.event = new VEventReader(cl, lines, values, zones, problems, maxDescription, OwnerAddress.of(meAddress));
        this.timezone = new VTimezoneReader(cl, values, zones, problems);
        this.awaiting = new EventsAwaitingZone(zones, problems, this::emit);
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
        return new ParseReport(calendarName, calendarZone, lines.bytesRead(), sink.events(), sink.masters(), sink.overrides(),
                problems.skipped(), problems.errors(), lines.truncatedLines(),
                Collections.unmodifiableMap(new LinkedHashMap<>(zones.report())), zones.fallbacks(), millis,
                problems.salvaged(), Collections.unmodifiableMap(problems.rules()), StreamingIcsParser.BUILTIN);
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
        firstLine = TextValues.sample(b, i, len);
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
                    state = State.TIMEZONE;
                    timezone.begin(lines.lineNumber);
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
                    calendarName = values.text(cl.valueStart, cl.length, Integer.MAX_VALUE);
                }
                break;
            case X_WR_TIMEZONE:
                cl.scanParameters(false);
                calendarZone = values.text(cl.valueStart, cl.trimEnd(cl.valueStart, cl.length), Integer.MAX_VALUE)
                        .trim();
                if (!zones.calendarZone(calendarZone)) {
                    problems.apply(SalvageRule.CALENDAR_ZONE_UNKNOWN, lines.lineNumber, null, calendarZone);
                }
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
        awaiting.release(true);
    }

    private void beginEvent() {
        state = State.EVENT;
        event.begin();
    }

    private void eventLine(int name) {
        switch (name) {
            case BEGIN:
                if (componentOf() == VEVENT) {
                    problems.apply(SalvageRule.VEVENT_UNCLOSED, event.line(), event.subject(),
                            "BEGIN:VEVENT on line " + lines.lineNumber + " came first");
                    beginEvent();
                } else {
                    skipDepth = 1; // VALARM and other nested components
                }
                return;
            case END: {
                int component = componentOf();
                if (component == VEVENT) {
                    endEvent();
                } else if (component == VCALENDAR) {
                    problems.apply(SalvageRule.VEVENT_UNCLOSED, event.line(), event.subject(),
                            "END:VCALENDAR came first");
                    endCalendar();
                }
                return;
            }
            case UNKNOWN:
                return;
            default:
                event.property(name);
        }
    }

    private void endEvent() {
        state = State.CALENDAR;
        ParsedEvent parsed = event.finish();
        if (parsed == null) {
            return;
        }
        if (event.needsZone()) {
            awaiting.hold(parsed);
        } else {
            emit(parsed);
        }
    }

    private void emit(ParsedEvent parsed) {
        sink.accept(parsed);
    }

    private void timezoneLine(int name) {
        switch (name) {
            case BEGIN:
                if (!timezone.beginObservance(componentOf())) {
                    skipDepth = 1;
                }
                return;
            case END: {
                int component = componentOf();
                if (component == STANDARD || component == DAYLIGHT) {
                    timezone.endObservance();
                } else if (component == VTIMEZONE) {
                    endTimezone();
                } else if (component == VCALENDAR) {
                    endTimezone();
                    endCalendar();
                }
                return;
            }
            default:
                timezone.property(name);
        }
    }

    private void endTimezone() {
        state = State.CALENDAR;
        if (timezone.end()) {
            awaiting.release(false);
        }
    }
}
