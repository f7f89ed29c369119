package calendarbot.parser.internal;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
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
 * The TZIDs of one feed and what they mean: (1) an IANA id, (2) a Windows name or display name,
 * (3) rules built from the feed's own VTIMEZONE, (4) X-WR-TIMEZONE and then the kiosk's zone, counted
 * as a fallback. A name that is none of (1) and (2) stays unresolved until its VTIMEZONE arrives
 * (which may be after the events) or the calendar ends.
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
    private String calendarZoneName;
    private Zone floating;
    private final Map<String, Zone> known = new HashMap<>();
    private final Set<String> unresolved = new HashSet<>();
    private final Map<String, String> report = new LinkedHashMap<>();
    private int fallbacks;

    ZoneResolver(ZoneId kioskZone) {
        this.kioskZone = kioskZone;
    }

    /** X-WR-TIMEZONE: the zone of floating times and of unknown TZIDs. */
    void calendarZone(String name) {
        calendarZoneName = name;
        floating = null;
    }

    /** The zone of floating times: X-WR-TIMEZONE when it names a zone, else the kiosk's. */
    Zone floating() {
        if (floating == null) {
            ZoneNames.Match m = ZoneNames.resolve(calendarZoneName);
            floating = m != null ? Zone.of(m.zone()) : Zone.of(kioskZone);
        }
        return floating;
    }

    /** The zone of {@code tzid}, or null while it is unknown and no VTIMEZONE defined it. */
    Zone lookup(String tzid) {
        Zone zone = known.get(tzid);
        if (zone != null || unresolved.contains(tzid)) {
            return zone;
        }
        ZoneNames.Match m = ZoneNames.resolve(tzid);
        if (m != null) {
            zone = Zone.of(m.zone());
            remember(tzid, zone, describe(m));
            return zone;
        }
        if (unresolved.size() < MAX_NAMES) {
            unresolved.add(tzid);
        }
        return null;
    }

    /** True when {@code tzid} is resolved (by name, VTIMEZONE or fallback). */
    boolean isKnown(String tzid) {
        return known.containsKey(tzid);
    }

    /**
     * A VTIMEZONE ended. Its TZID resolves by name when it can (IANA's rules know more history than a
     * feed's block), then by X-LIC-LOCATION, then by its own rules; null when it defines nothing usable,
     * else the reason it could not be built.
     */
    String define(String tzid, String licLocation, List<VTimezoneRules.Observance> observances) {
        if (known.containsKey(tzid)) {
            return null;
        }
        ZoneNames.Match m = ZoneNames.resolve(tzid);
        if (m != null) {
            remember(tzid, Zone.of(m.zone()), describe(m));
            return null;
        }
        ZoneNames.Match lic = ZoneNames.resolve(licLocation);
        if (lic != null && lic.kind() == ZoneNames.Kind.IANA) {
            remember(tzid, Zone.of(lic.zone()), lic.zone().getId() + " (X-LIC-LOCATION)");
            return null;
        }
        try {
            remember(tzid, new Zone(VTimezoneRules.of(observances), tzid), "VTIMEZONE rules");
            return null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return e.getMessage();
        }
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
