package calendarbot.parser.internal;

import static calendarbot.parser.internal.PropertyName.*;

import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import calendarbot.parser.shared.TextValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The VTIMEZONE being read: its TZID, X-LIC-LOCATION and STANDARD/DAYLIGHT observances, handed to the
 * {@link ZoneResolver} at END:VTIMEZONE. A VTIMEZONE that cannot be used is reported and its TZID falls back, so
 * its events are still shown, in the calendar's or the kiosk's zone.
 */
final class VTimezoneReader {

    private static final int MAX_OBSERVANCES = 200;
    private static final int MAX_TZ_RDATES = 500;
    private static final int MAX_TZ_RRULES = 10;

    private final ContentLine cl;
    private final PropertyValues values;
    private final ZoneResolver zones;
    private final ParseProblems problems;

    private String tzid;
    private String licLocation;
    private int tzLine;
    private final List<VTimezoneRules.Observance> observances = new ArrayList<>();
    private VTimezoneRules.Observance observance;

    VTimezoneReader(ContentLine cl, PropertyValues values, ZoneResolver zones, ParseProblems problems) {
        this.cl = cl;
        this.values = values;
        this.zones = zones;
        this.problems = problems;
    }

    /** BEGIN:VTIMEZONE on physical line {@code line}. */
    void begin(int line) {
        tzid = null;
        licLocation = null;
        tzLine = line;
        observances.clear();
        observance = null;
    }

    /** BEGIN of a component inside; false when it is to be skipped (not an observance, nested, or too many). */
    boolean beginObservance(int component) {
        if ((component == STANDARD || component == DAYLIGHT) && observance == null
                && observances.size() < MAX_OBSERVANCES) {
            observance = new VTimezoneRules.Observance(component == DAYLIGHT);
            return true;
        }
        return false;
    }

    /** END:STANDARD or END:DAYLIGHT. */
    void endObservance() {
        if (observance != null) {
            observances.add(observance);
            observance = null;
        }
    }

    /** One property line of the VTIMEZONE or of its current observance (not BEGIN or END). */
    void property(int name) {
        byte[] b = cl.b;
        switch (name) {
            case TZID:
                if (observance == null) {
                    cl.scanParameters(false);
                    int s = cl.valueStart;
                    int end = cl.trimEnd(s, cl.length);
                    tzid = s < end ? values.pooledRaw(s, end) : null;
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
                if (o.rrules.size() < MAX_TZ_RRULES) {
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

    /**
     * END:VTIMEZONE (or an END:VCALENDAR that left it open): defines its zone, or falls back and reports why.
     * False when it had no TZID, so nothing new is known.
     */
    boolean end() {
        endObservance();
        if (tzid == null) {
            problems.apply(SalvageRule.VTIMEZONE_WITHOUT_TZID, tzLine, null, null);
            return false;
        }
        String problem = zones.define(tzid, licLocation, observances, tzLine);
        if (problem != null) {
            ZoneResolver.Zone zone = zones.fallback(tzid);
            problems.apply(SalvageRule.VTIMEZONE_UNUSABLE, tzLine, "VTIMEZONE '" + tzid + "'",
                    problem + "; " + zone.tzid());
            ZoneResolver.logFallback(tzid, zone);
        }
        return true;
    }
}
