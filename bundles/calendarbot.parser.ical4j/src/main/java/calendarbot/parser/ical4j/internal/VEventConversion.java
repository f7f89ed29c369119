package calendarbot.parser.ical4j.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import calendarbot.parser.shared.EventEnd;
import calendarbot.parser.shared.MeetingLinks;
import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import calendarbot.parser.shared.TextValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RDate;

/**
 * One ical4j VEvent to the kiosk's {@link ParsedEvent}: the values as ical4j reads them (dates, zones, durations,
 * recurrence values), and what the kiosk keeps of an event decided by the builtin parser's own rules, embedded
 * (which end: {@link EventEnd}; which meeting link: {@link MeetingLinks}; what is reported: {@link SalvageRule}).
 */
final class VEventConversion {

    /** A property ical4j could not read, with its value as written and its line. */
    record Rejected(String name, String value, int line) {
    }

    private static final Set<String> AVAILABLE = ZoneId.getAvailableZoneIds();
    /** The builtin parser's ranks: a Teams link before a conference link before ... a link in the description. */
    private static final String[] LINK_PROPERTIES = {"X-MICROSOFT-SKYPETEAMSMEETINGURL",
        "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", "X-GOOGLE-CONFERENCE",
        "CONFERENCE", "URL", "LOCATION", "DESCRIPTION"};
    private static final int MAX_REPORTED_ZONES = 100;

    private final TimeZoneRegistry registry;
    private final ZoneId kioskZone;
    private final String me;
    private final int maxDescription;
    private final ParseProblems problems;
    private final EventEnd ends = new EventEnd();

    private ZoneId floating;
    /** TZID to zone, or null when neither ical4j nor the fallback knows it yet. */
    private final Map<String, ZoneId> zoneByTzid = new HashMap<>();
    private final Map<String, String> zoneReport = new LinkedHashMap<>();
    private int zoneFallbacks;

    // the event being converted
    private final List<SalvageRule> applied = new ArrayList<>(2);
    private final List<Integer> appliedLines = new ArrayList<>(2);
    private final List<String> appliedValues = new ArrayList<>(2);

    VEventConversion(TimeZoneRegistry registry, ZoneId kioskZone, String meAddress, int maxDescription,
            ParseProblems problems) {
        this.registry = registry;
        this.kioskZone = kioskZone;
        this.me = meAddress == null || meAddress.isBlank() ? null : withoutMailto(meAddress.trim());
        this.maxDescription = maxDescription;
        this.problems = problems;
        this.floating = kioskZone;
    }

    /** X-WR-TIMEZONE: the zone of floating times, when ical4j knows it. */
    void calendarZone(String name, int line) {
        ZoneId zone = ical4jZone(name);
        String id = zone == null ? null : name(zone, name);
        floating = zone == null ? kioskZone : AVAILABLE.contains(id) ? ZoneId.of(id) : zone;
        if (zone == null && !name.isEmpty()) {
            problems.apply(SalvageRule.CALENDAR_ZONE_UNKNOWN, line, null, name);
        }
    }

    Map<String, String> zones() {
        return zoneReport;
    }

    int zoneFallbacks() {
        return zoneFallbacks;
    }

    /** True when every TZID the event names is known to ical4j (by name or by a VTIMEZONE read so far). */
    boolean zonesKnown(VEvent event) {
        for (Property p : event.getPropertyList().getAll()) {
            Optional<Parameter> tzid = p.getParameter(Parameter.TZID);
            if (tzid.isPresent() && ical4jZone(tzid.get().getValue()) == null) {
                return false;
            }
        }
        return true;
    }

    /** The event, or null when it is dropped (reported either way). */
    ParsedEvent convert(VEvent event, int line, List<Rejected> rejected) {
        applied.clear();
        appliedLines.clear();
        appliedValues.clear();
        String summary = text(event, Property.SUMMARY);
        String uid = text(event, Property.UID);
        String subject = ParseProblems.subject(summary, uid);
        for (Rejected r : rejected) {
            SalvageRule rule = ruleFor(r);
            if (rule != null && rule.dropsComponent()) {
                problems.apply(rule, r.line(), subject, r.value());
                return null;
            }
            if (rule != null) {
                salvage(rule, r.line(), r.value());
            }
        }
        Optional<Property> dtstart = event.getProperty(Property.DTSTART);
        if (dtstart.isEmpty()) {
            problems.apply(SalvageRule.DTSTART_MISSING, line, subject, null);
            return null;
        }
        EventTime start = time(dtstart.get(), line);
        if (start == null) {
            problems.apply(SalvageRule.DTSTART_BAD, line, subject, dtstart.get().getValue());
            return null;
        }
        if (uid == null || uid.isEmpty()) {
            uid = "synthetic-" + Long.toHexString(identityHash(event));
            salvage(SalvageRule.UID_MISSING, line, uid);
        }
        EventTime end = event.<Property>getProperty(Property.DTEND).map(p -> time(p, line)).orElse(null);
        Duration duration = duration(event, line);
        if (end != null) {
            ends.decide(start, isFloating(dtstart.get()), end, isFloating(event.getProperty(Property.DTEND).get()),
                    duration);
            end = ends.end();
            duration = ends.duration();
            for (SalvageRule rule : ends.applied()) {
                salvage(rule, line, null);
            }
        }
        Optional<Property> rid = event.getProperty(Property.RECURRENCE_ID);
        EventTime recurrenceId = rid.map(p -> time(p, line)).orElse(null);
        boolean thisAndFuture = rid.flatMap(p -> p.<Parameter>getParameter(Parameter.RANGE))
                .map(r -> "THISANDFUTURE".equalsIgnoreCase(r.getValue())).orElse(false);
        String description = maxDescription > 0 ? text(event, Property.DESCRIPTION) : null;
        if (description != null) {
            description = TextValues.cut(description, maxDescription);
        }
        String organizer = event.<Property>getProperty(Property.ORGANIZER)
                .map(p -> withoutMailto(p.getValue().trim())).filter(s -> !s.isEmpty()).orElse(null);
        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        ParsedEvent parsed = new ParsedEvent(uid, summary, text(event, Property.LOCATION), description, start, end,
                duration, rrules(event), rdates(event, line), exdates(event, line), recurrenceId, thisAndFuture,
                sequence(event), upper(event, Property.STATUS), upper(event, Property.TRANSP),
                upper(event, Property.CLASS), upper(event, "X-MICROSOFT-CDO-BUSYSTATUS"),
                "TRUE".equals(upper(event, "X-OUTLOOK-DELETED")), organizer, attendees.size(), myPartStat(attendees),
                meetingLink(event), line);
        if (!applied.isEmpty()) {
            for (int i = 0; i < applied.size(); i++) {
                problems.apply(applied.get(i), appliedLines.get(i), subject, appliedValues.get(i));
            }
            problems.salvagedComponent();
        }
        return parsed;
    }

    private void salvage(SalvageRule rule, int line, String value) {
        applied.add(rule);
        appliedLines.add(line);
        appliedValues.add(value);
    }

    /** The kiosk's rule for a property ical4j could not read; null for one the kiosk does not use. */
    private static SalvageRule ruleFor(Rejected r) {
        return switch (r.name()) {
            case "DTSTART" -> SalvageRule.DTSTART_BAD;
            case "DTEND" -> SalvageRule.DTEND_BAD;
            case "DURATION" -> SalvageRule.DURATION_BAD;
            case "RRULE" -> r.value() == null || r.value().isBlank() ? SalvageRule.RRULE_EMPTY
                    : SalvageRule.RRULE_WITHOUT_FREQ;
            case "RECURRENCE-ID" -> SalvageRule.RECURRENCE_ID_BAD;
            case "EXDATE" -> SalvageRule.EXDATE_BAD;
            case "RDATE" -> SalvageRule.RDATE_BAD;
            case "SEQUENCE" -> SalvageRule.SEQUENCE_BAD;
            default -> null;
        };
    }

    /** A DATE, a floating DATE-TIME (in X-WR-TIMEZONE's or the kiosk's zone), a zoned or a UTC one; null if none. */
    private EventTime time(Property p, int line) {
        if (!(p instanceof DateProperty<?> dp)) {
            return null;
        }
        Optional<Parameter> tzid = p.getParameter(Parameter.TZID);
        if (tzid.isPresent() && ical4jZone(tzid.get().getValue()) == null) {
            return fallback(p.getValue(), tzid.get().getValue(), line);
        }
        Temporal t;
        try {
            t = dp.getDate();
        } catch (RuntimeException e) {
            return null;
        }
        return time(t, tzid.map(Parameter::getValue).orElse(null));
    }

    private EventTime time(Temporal t, String tzid) {
        if (t instanceof LocalDate d) {
            return EventTime.ofDate(d);
        }
        if (t instanceof LocalDateTime local) {
            return EventTime.of(local, floating);
        }
        if (t instanceof ZonedDateTime z) {
            ZoneId zone = z.getZone();
            if (zone instanceof ZoneOffset || zone.getId().equals("UTC") || zone.getId().equals("Z")) {
                return EventTime.ofUtc(z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
            return new EventTime(z.toLocalDateTime(), zone.getRules(), name(zone, tzid), false);
        }
        if (t instanceof OffsetDateTime o) {
            return EventTime.ofUtc(o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (t instanceof Instant i) {
            return EventTime.ofUtc(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        return null;
    }

    private static boolean isFloating(Property p) {
        return p.getParameter(Parameter.TZID).isEmpty() && !p.getValue().trim().toUpperCase(Locale.ROOT).endsWith("Z")
                && p.getValue().trim().length() > 8;
    }

    /**
     * ical4j's zone of {@code tzid}: a VTIMEZONE of the feed, else one of ical4j's own zones and aliases (IANA and
     * Windows names); null when it knows none. Remembered and reported once per TZID.
     */
    private ZoneId ical4jZone(String tzid) {
        if (zoneByTzid.containsKey(tzid)) {
            return zoneByTzid.get(tzid);
        }
        ZoneId zone;
        String how;
        try {
            zone = registry.getZoneId(tzid);
            how = "VTIMEZONE (ical4j)";
        } catch (RuntimeException e) {
            try {
                zone = TimeZoneRegistry.getGlobalZoneId(tzid);
                how = name(zone, tzid) + " (ical4j)";
            } catch (RuntimeException unknown) {
                return null;
            }
        }
        zoneByTzid.put(tzid, zone);
        report(tzid, how);
        return zone;
    }

    /** The name an event time carries: an IANA id, as ical4j maps the TZID, else the TZID itself. */
    private String name(ZoneId zone, String tzid) {
        if (!zone.getId().startsWith("ical4j") && AVAILABLE.contains(zone.getId())) {
            return zone.getId();
        }
        net.fortuna.ical4j.model.TimeZone tz = tzid == null ? null : registry.getTimeZone(tzid);
        return tz != null && AVAILABLE.contains(tz.getID()) ? tz.getID() : tzid != null ? tzid : zone.getId();
    }

    /** A TZID ical4j does not know at the end of the feed: the wall-clock value in X-WR-TIMEZONE's or the kiosk's zone. */
    private EventTime fallback(String value, String tzid, int line) {
        if (!zoneByTzid.containsKey(tzid)) {
            zoneByTzid.put(tzid, null);
            zoneFallbacks++;
            report(tzid, floating.getId() + ParseReport.FALLBACK
                    + (floating.equals(kioskZone) ? "kiosk zone)" : "X-WR-TIMEZONE)"));
            problems.apply(SalvageRule.TZID_UNKNOWN, line, "TZID '" + tzid + "'", floating.getId());
        }
        try {
            String v = value.trim();
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(v.substring(0, 4)),
                    Integer.parseInt(v.substring(4, 6)), Integer.parseInt(v.substring(6, 8)),
                    Integer.parseInt(v.substring(9, 11)), Integer.parseInt(v.substring(11, 13)),
                    v.length() >= 15 ? Integer.parseInt(v.substring(13, 15)) : 0);
            return EventTime.of(local, floating);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void report(String tzid, String how) {
        if (zoneReport.size() < MAX_REPORTED_ZONES) {
            zoneReport.put(tzid, how);
        }
    }

    private Duration duration(VEvent event, int line) {
        Optional<Property> p = event.getProperty(Property.DURATION);
        if (p.isEmpty()) {
            return null;
        }
        TemporalAmount amount = ((net.fortuna.ical4j.model.property.Duration) p.get()).getDuration();
        long seconds = amount instanceof Period period ? period.toTotalMonths() * 30 * 86_400L + period.getDays() * 86_400L
                : amount instanceof Duration d ? d.getSeconds() : amount.get(ChronoUnit.SECONDS);
        SalvageRule bad = EventEnd.durationProblem(seconds);
        if (bad != null) {
            salvage(bad, line, p.get().getValue());
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    private static List<String> rrules(VEvent event) {
        List<Property> rules = event.getProperties(Property.RRULE);
        List<String> out = new ArrayList<>(rules.size());
        for (Property p : rules) {
            out.add(p.getValue());
        }
        return out;
    }

    private List<RecurrenceDate> rdates(VEvent event, int line) {
        List<RecurrenceDate> out = new ArrayList<>();
        for (Property p : event.getProperties(Property.RDATE)) {
            String tzid = p.<Parameter>getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
            Optional<? extends Set<? extends net.fortuna.ical4j.model.Period<?>>> periods = ((RDate<?>) p).getPeriods();
            if (periods.isPresent()) {
                for (net.fortuna.ical4j.model.Period<?> period : periods.get()) {
                    EventTime s = time(period.getStart(), tzid);
                    if (s != null) {
                        out.add(new RecurrenceDate(s, length(period)));
                    }
                }
            } else {
                for (Temporal t : ((DateListProperty<?>) p).getDates()) {
                    EventTime s = time(t, tzid);
                    if (s != null) {
                        out.add(RecurrenceDate.of(s));
                    }
                }
            }
        }
        return out;
    }

    private static Duration length(net.fortuna.ical4j.model.Period<?> period) {
        TemporalAmount amount = period.getDuration();
        return amount instanceof Duration d ? d : Duration.ofSeconds(amount.get(ChronoUnit.SECONDS));
    }

    private List<EventTime> exdates(VEvent event, int line) {
        List<EventTime> out = new ArrayList<>();
        for (Property p : event.getProperties(Property.EXDATE)) {
            String tzid = p.<Parameter>getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
            for (Temporal t : ((DateListProperty<?>) p).getDates()) {
                EventTime e = time(t, tzid);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static int sequence(VEvent event) {
        return event.<Property>getProperty(Property.SEQUENCE).map(p -> {
            try {
                return Math.max(0, Integer.parseInt(p.getValue().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
    }

    private static String text(VEvent event, String name) {
        return event.<Property>getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String upper(VEvent event, String name) {
        return event.<Property>getProperty(name).map(p -> p.getValue().trim().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The kiosk owner's PARTSTAT (NEEDS-ACTION when absent, RFC 5545 3.2.12), or null. */
    private String myPartStat(List<Property> attendees) {
        if (me == null) {
            return null;
        }
        for (Property a : attendees) {
            String email = a.<Parameter>getParameter("EMAIL").map(Parameter::getValue).orElse(null);
            if (me.equalsIgnoreCase(withoutMailto(a.getValue().trim())) || me.equalsIgnoreCase(email)) {
                return a.<Parameter>getParameter(Parameter.PARTSTAT).map(p -> p.getValue().toUpperCase(Locale.ROOT))
                        .orElse("NEEDS-ACTION");
            }
        }
        return null;
    }

    private static String meetingLink(VEvent event) {
        for (String name : LINK_PROPERTIES) {
            for (Property p : event.getProperties(name)) {
                byte[] b = p.getValue().getBytes(StandardCharsets.UTF_8);
                String url = MeetingLinks.find(b, 0, b.length);
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    private static String withoutMailto(String address) {
        return address.regionMatches(true, 0, "mailto:", 0, 7) ? address.substring(7) : address;
    }

    /** The builtin parser's synthetic UID: FNV-1a of DTSTART's and SUMMARY's values, in the feed's order. */
    private static long identityHash(VEvent event) {
        long h = 0xcbf29ce484222325L;
        for (Property p : event.getPropertyList().getAll()) {
            if (!p.getName().equalsIgnoreCase(Property.DTSTART) && !p.getName().equalsIgnoreCase(Property.SUMMARY)) {
                continue;
            }
            for (byte c : p.getValue().getBytes(StandardCharsets.UTF_8)) {
                h ^= c & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= '|';
        }
        return h;
    }
}
