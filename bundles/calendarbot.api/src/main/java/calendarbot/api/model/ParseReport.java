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
 * @param skipped components skipped as malformed
 * @param errors the first errors (line and reason), at most a few dozen
 * @param truncatedLines lines cut at maxLineLength
 * @param zones every TZID seen and how it was resolved, e.g. "Pacific Standard Time" to "America/Los_Angeles (windows)";
 *        a TZID that could not be resolved to "Europe/Berlin (fallback: kiosk zone)" (or X-WR-TIMEZONE)
 * @param zoneFallbacks TZIDs that could not be resolved and fell back
 * @param millis time taken
 */
public record ParseReport(String calendarName, String calendarZone, long bytes, int events, int masters,
        int overrides, int skipped, List<ParseError> errors, int truncatedLines, Map<String, String> zones,
        int zoneFallbacks, long millis) {

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

    /** A skipped component or a warning, with the line it started on. */
    public record ParseError(int line, String reason) {
    }
}
