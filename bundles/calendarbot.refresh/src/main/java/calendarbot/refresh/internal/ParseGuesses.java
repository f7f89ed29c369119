package calendarbot.refresh.internal;

import calendarbot.api.model.ParseReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a parse had to guess or give up to show a feed's events, in words for the health page; a few lines at most.
 * Salvaged and dropped components are counted by rule so a repaired feed is never silently "OK"; the lines
 * themselves are check-feed's to show.
 */
final class ParseGuesses {
    /** A hostile feed may name thousands of zones; health names a few and counts the rest. */
    static final int SHOWN = 5;
    /** The rule a fallen-back zone is counted under: its own lines above say more. */
    private static final String ZONE_RULE = "tzid-unknown";

    private ParseGuesses() {
    }

    static List<String> of(ParseReport report) {
        List<String> lines = new ArrayList<>();
        Map<String, String> fallen = report.zonesFallenBack();
        for (Map.Entry<String, String> zone : fallen.entrySet()) {
            if (lines.size() == SHOWN) {
                lines.add((fallen.size() - SHOWN) + " more unknown time zones");
                break;
            }
            lines.add("unknown time zone '" + zone.getKey() + "': its times are shown in " + zone.getValue()
                    + " - check the calendar's VTIMEZONE or the kiosk's timeZone");
        }
        String repairs = repairs(report);
        if (repairs != null) {
            lines.add(repairs);
        }
        return List.copyOf(lines);
    }

    /** "34 events kept with repairs, 1 dropped (rrule-empty 34, dtstart-missing 1) - check-feed shows each line". */
    private static String repairs(ParseReport report) {
        StringJoiner rules = new StringJoiner(", ", " (", ")");
        int named = 0;
        for (Map.Entry<String, Integer> rule : report.rules().entrySet()) {
            if (rule.getKey().equals(ZONE_RULE)) {
                continue;
            }
            if (named++ == SHOWN) {
                rules.add("...");
                break;
            }
            rules.add(rule.getKey() + " " + rule.getValue());
        }
        if (named == 0 || report.salvaged() + report.skipped() == 0) {
            return null;
        }
        String kept = report.salvaged() > 0 ? count(report.salvaged(), "event") + " kept with repairs" : null;
        String dropped = report.skipped() > 0 ? report.skipped() + " dropped" : null;
        String what = kept != null && dropped != null ? kept + ", " + dropped
                : kept != null ? kept : count(report.skipped(), "component") + " dropped";
        return what + rules + " - check-feed shows each with its line";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
