package calendarbot.parser.internal;

import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TZIDs of one feed and what they mean: (1) an IANA id, (2) a Windows name or display name (also one spelt
 * otherwise), (3) the feed's own VTIMEZONE, also when the TZID differs from its name in case or spaces: its rules,
 * or as a last resort a zone with its offsets, (4) X-WR-TIMEZONE and then the kiosk's zone, counted as a fallback.
 * A name that is none of (1) and (2) stays unresolved until its VTIMEZONE arrives (which may be after the events) or
 * the calendar ends. Every lenient match and every fallback is reported by its {@link SalvageRule}, once per TZID.
 */
final class ZoneResolver {

    /** A resolved zone: its rules and the name EventTime carries. */
    record Zone(ZoneRules rules, String tzid) {
        static Zone of(ZoneId id) {
            return new Zone(id.getRules(), id.getId());
        }
    }

    static final Zone UTC = Zone.of(ZoneNames.UTC);

    private static final Logger LOG = LoggerFactory.getLogger(StreamingIcsParser.class);
    /** TZIDs already logged as falling back, so a 5-minute refresh does not repeat the warning. */
    private static final Set<String> LOGGED_FALLBACKS = ConcurrentHashMap.newKeySet();

    private static final int MAX_REPORTED = 100;
    private static final int MAX_NAMES = 1000;

    private final ZoneId kioskZone;
    private final ParseProblems problems;
    private String calendarZoneName;
    private Zone floating;
    private final Map<String, Zone> known = new HashMap<>();
    /** The TZIDs of VTIMEZONEs by {@link #loosely}: for events that write the name otherwise. */
    private final Map<String, String> defined = new HashMap<>();
    private final Set<String> unresolved = new HashSet<>();
    private final Map<String, String> report = new LinkedHashMap<>();
    private int fallbacks;

    ZoneResolver(ZoneId kioskZone, ParseProblems problems) {
        this.kioskZone = kioskZone;
        this.problems = problems;
    }

    /** X-WR-TIMEZONE: the zone of floating times and of unknown TZIDs; false when it names no zone. */
    boolean calendarZone(String name) {
        calendarZoneName = name;
        floating = null;
        return name.isEmpty() || ZoneNames.resolve(name) != null;
    }

    /** The zone of floating times: X-WR-TIMEZONE when it names a zone, else the kiosk's. */
    Zone floating() {
        if (floating == null) {
            ZoneNames.Match m = ZoneNames.resolve(calendarZoneName);
            floating = m != null ? Zone.of(m.zone()) : Zone.of(kioskZone);
        }
        return floating;
    }

    /**
     * The zone of {@code tzid}, or null while it is unknown and no VTIMEZONE defined it.
     *
     * @param line where the TZID is used, for the report of a lenient match
     */
    Zone lookup(String tzid, int line) {
        Zone zone = known.get(tzid);
        if (zone != null) {
            return zone;
        }
        zone = definedLoosely(tzid, line);
        if (zone != null || unresolved.contains(tzid)) {
            return zone;
        }
        ZoneNames.Match m = ZoneNames.resolve(tzid);
        if (m != null) {
            zone = Zone.of(m.zone());
            remember(tzid, zone, describe(m));
            if (m.kind() == ZoneNames.Kind.WINDOWS_DISPLAY_VARIANT) {
                problems.apply(SalvageRule.TZID_LENIENT, line, "TZID '" + tzid + "'", m.zone().getId());
            }
            return zone;
        }
        if (unresolved.size() < MAX_NAMES) {
            unresolved.add(tzid);
        }
        return null;
    }

    /** The zone of a VTIMEZONE whose TZID differs from {@code tzid} only in case, spaces or quotes; else null. */
    private Zone definedLoosely(String tzid, int line) {
        if (defined.isEmpty()) {
            return null;
        }
        String name = defined.get(loosely(tzid));
        Zone zone = name == null ? null : known.get(name);
        if (zone != null) {
            remember(tzid, zone, zone.tzid() + " (VTIMEZONE '" + name + "', matched leniently)");
            problems.apply(SalvageRule.TZID_LENIENT, line, "TZID '" + tzid + "'", "VTIMEZONE '" + name + "'");
        }
        return zone;
    }

    /** A TZID without surrounding quotes and blanks, with single spaces, in lower case. */
    static String loosely(String tzid) {
        String s = tzid.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /** True when {@code tzid} is resolved (by name, VTIMEZONE or fallback), also leniently. */
    boolean isKnown(String tzid) {
        return known.containsKey(tzid) || !defined.isEmpty() && defined.containsKey(loosely(tzid));
    }

    /**
     * A VTIMEZONE ended. Its TZID resolves by name when it can (IANA's rules know more history than a
     * feed's block), then by X-LIC-LOCATION, then by its own rules; null when it defines nothing usable,
     * else the reason it could not be built.
     */
    String define(String tzid, String licLocation, List<VTimezoneRules.Observance> observances, int line) {
        if (known.containsKey(tzid)) {
            return null;
        }
        if (defined.size() < MAX_NAMES) {
            defined.putIfAbsent(loosely(tzid), tzid);
        }
        ZoneNames.Match m = ZoneNames.resolve(tzid);
        if (m != null && m.kind() != ZoneNames.Kind.WINDOWS_DISPLAY_VARIANT) {
            remember(tzid, Zone.of(m.zone()), describe(m));
            return null;
        }
        ZoneNames.Match lic = ZoneNames.resolve(licLocation);
        if (lic != null && lic.kind() == ZoneNames.Kind.IANA) {
            remember(tzid, Zone.of(lic.zone()), lic.zone().getId() + " (X-LIC-LOCATION)");
            return null;
        }
        try {
            // the block's own rules before a display name matched only leniently
            remember(tzid, new Zone(VTimezoneRules.of(observances), tzid), "VTIMEZONE rules");
            return null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            if (m != null) {
                remember(tzid, Zone.of(m.zone()), describe(m));
                problems.apply(SalvageRule.TZID_LENIENT, line, "VTIMEZONE '" + tzid + "'", m.zone().getId());
                return null;
            }
            ZoneId same = ZoneByOffsets.match(observances, Arrays.asList(calendarZone(), kioskZone));
            if (same == null) {
                return e.getMessage();
            }
            remember(tzid, Zone.of(same), same.getId() + " (the VTIMEZONE's offsets)");
            problems.apply(SalvageRule.TZID_BY_OFFSETS, line, "VTIMEZONE '" + tzid + "'",
                    e.getMessage() + "; " + same.getId());
            return null;
        }
    }

    /** X-WR-TIMEZONE's zone, or null. */
    private ZoneId calendarZone() {
        ZoneNames.Match m = ZoneNames.resolve(calendarZoneName);
        return m == null ? null : m.zone();
    }

    /** Resolves {@code tzid} to X-WR-TIMEZONE or the kiosk zone for good, counting the fallback. */
    Zone fallback(String tzid) {
        Zone zone = known.get(tzid);
        if (zone != null) {
            return zone;
        }
        ZoneNames.Match calendar = ZoneNames.resolve(calendarZoneName);
        zone = calendar != null ? Zone.of(calendar.zone()) : Zone.of(kioskZone);
        fallbacks++;
        remember(tzid, zone, zone.tzid() + (calendar != null ? " (fallback: X-WR-TIMEZONE)" : " (fallback: kiosk zone)"));
        return zone;
    }

    /** Tells the kiosk's owner once per TZID (not once per refresh) that a zone fell back. */
    static void logFallback(String tzid, Zone zone) {
        if (LOGGED_FALLBACKS.size() < 100 && LOGGED_FALLBACKS.add(tzid)) {
            LOG.warn("A feed uses the time zone '{}', which is neither a known name nor defined by a usable VTIMEZONE;"
                    + " its times are shown in {}", tzid, zone.tzid());
        }
    }

    private void remember(String tzid, Zone zone, String how) {
        unresolved.remove(tzid);
        if (known.size() < MAX_NAMES) {
            known.put(tzid, zone);
        }
        if (report.size() < MAX_REPORTED) {
            report.put(tzid, how);
        }
    }

    private static String describe(ZoneNames.Match m) {
        return m.zone().getId() + " (" + m.kind().label + ")";
    }

    Map<String, String> report() {
        return report;
    }

    int fallbacks() {
        return fallbacks;
    }
}
