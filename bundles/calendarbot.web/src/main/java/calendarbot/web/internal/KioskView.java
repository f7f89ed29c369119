package calendarbot.web.internal;

import calendarbot.api.KioskSettings;
import java.time.ZoneId;
import java.util.List;

/**
 * The kiosk settings as one answer sees them (read once, so the whats-next answer can be kept while they stay).
 *
 * @param zone kiosk time zone
 * @param layout configured layout name
 * @param heartbeatSeconds how often the page reports it is alive
 * @param skipKeywords lower-case words of non-meetings (focus time): a change makes the whats-next answer anew
 */
record KioskView(ZoneId zone, String layout, int heartbeatSeconds, List<String> skipKeywords) {

    static KioskView of(KioskSettings settings) {
        return new KioskView(settings.zone(), settings.layout(), settings.heartbeatSeconds(), settings.skipKeywords());
    }
}
