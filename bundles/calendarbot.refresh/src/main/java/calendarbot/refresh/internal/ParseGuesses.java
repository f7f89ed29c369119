package calendarbot.refresh.internal;

import calendarbot.api.model.ParseReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a parse had to guess to show a feed's events, in words for the health page; a few lines at most. */
final class ParseGuesses {
    /** A hostile feed may name thousands of zones; health names a few and counts the rest. */
    static final int SHOWN = 5;

    private ParseGuesses() {
    }

    static List<String> of(ParseReport report) {
        Map<String, String> fallen = report.zonesFallenBack();
        if (fallen.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> zone : fallen.entrySet()) {
            if (lines.size() == SHOWN) {
                lines.add((fallen.size() - SHOWN) + " more unknown time zones");
                break;
            }
            lines.add("unknown time zone '" + zone.getKey() + "': its times are shown in " + zone.getValue()
                    + " - check the calendar's VTIMEZONE or the kiosk's timeZone");
        }
        return List.copyOf(lines);
    }
}
