package calendarbot.api.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a parse found, for logs, /api/health and check-feed.
 *
 * @param calendarName X-WR-CALNAME or null
 * @param calendarZone X-WR-TIMEZONE or null
 * @param bytes bytes read
 * @param events VEVENTs delivered to the sink
 * @param masters recurring masters among them
 * @param overrides RECURRENCE-ID overrides among them
 * @param skipped components dropped as malformed
 * @param errors the first problems (line, reason, salvage rule), at most a few dozen
 * @param truncatedLines lines cut at maxLineLength
 * @param zones every TZID seen and how it was resolved, e.g. "Pacific Standard Time" to "America/Los_Angeles (windows)";
 *        a TZID that could not be resolved to "Europe/Berlin (fallback: kiosk zone)" (or X-WR-TIMEZONE)
 * @param zoneFallbacks TZIDs that could not be resolved and fell back
 * @param millis time taken
 * @param salvaged components delivered although something in them was repaired or ignored
 * @param rules how often each salvage rule was applied, by rule name (e.g. "rrule-empty" to 34); dropped components
 *        included
 * @param parser the parser that read the feed ("builtin", or an {@link calendarbot.api.IcsParserEngine}'s name), or
 *        null when not known
 */
public record ParseReport(String calendarName, String calendarZone, long bytes, int events, int masters,
        int overrides, int skipped, List<ParseError> errors, int truncatedLines, Map<String, String> zones,
        int zoneFallbacks, long millis, int salvaged, Map<String, Integer> rules, String parser) {

    public ParseReport {
        errors = errors == null ? List.of() : errors;
        zones = zones == null ? Map.of() : zones;
        rules = rules == null ? Map.of() : rules;
    }

    /** A report that names no salvage rules (a parser written before they were counted). */
    public ParseReport(String calendarName, String calendarZone, long bytes, int events, int masters, int overrides,
            int skipped, List<ParseError> errors, int truncatedLines, Map<String, String> zones, int zoneFallbacks,
            long millis) {
        this(calendarName, calendarZone, bytes, events, masters, overrides, skipped, errors, truncatedLines, zones,
                zoneFallbacks, millis, 0, Map.of(), null);
    }

    /** How a fallen-back TZID's resolution reads in {@link #zones}. */
    public static final String FALLBACK = " (fallback: ";

    /** The TZIDs that could not be resolved, each with the zone its times are shown in instead. */
    public Map<String, String> zonesFallenBack() {
        Map<String, String> fallen = new LinkedHashMap<>();
        zones.forEach((tzid, resolved) -> {
            int mark = resolved.indexOf(FALLBACK);
            if (mark >= 0) {
                fallen.put(tzid, resolved.substring(0, mark));
            }
        });
        return fallen;
    }

    /**
     * A dropped component or a salvaged value, with the line it was found on.
     *
     * @param line the line of the offending property, or of the component's BEGIN
     * @param reason what was found and what the kiosk does about it, for a person
     * @param rule the salvage rule applied (e.g. "dtend-bad"), or null
     * @param dropped true when the component was dropped, false when it was kept (salvaged)
     */
    public record ParseError(int line, String reason, String rule, boolean dropped) {
        public ParseError(int line, String reason) {
            this(line, reason, null, false);
        }
    }
}
