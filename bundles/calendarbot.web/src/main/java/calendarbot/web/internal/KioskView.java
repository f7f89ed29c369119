package calendarbot.web.internal;

import calendarbot.api.KioskSettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The kiosk settings as one answer sees them (read once, so the whats-next answer can be kept while they stay).
 *
 * @param zone kiosk time zone
 * @param layout configured layout name
 * @param heartbeatSeconds how often the page reports it is alive
 * @param skipKeywords lower-case words of non-meetings (focus time), for the morning summary
 */
record KioskView(ZoneId zone, String layout, int heartbeatSeconds, List<String> skipKeywords) {

    static KioskView of(KioskSettings settings) {
        return new KioskView(settings.zone(), settings.layout(), settings.heartbeatSeconds(), settings.skipKeywords());
    }

    boolean isFocusTime(String summary) {
        if (summary == null) {
            return false;
        }
        String s = summary.toLowerCase(Locale.ROOT);
        for (String w : skipKeywords) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
