package calendarbot.kiosk.internal;

import calendarbot.api.ConfigProxy;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The kiosk's own meeting selection for the voice bundle's tests (test scope only: the bundle itself sees nothing
 * but calendarbot.api). Speaking through it, a test shows that the voice says what the wall shows.
 */
public final class KioskRules {

    private KioskRules() {
    }

    /** The selector as configuration {@code calendarbot.kiosk} with {@code config} (else its defaults) makes it. */
    public static MeetingSelector selector(ZoneId zone, SkipList skips, Map<String, ?> config) {
        return new WhatsNextSelector(rules(config), zone, skips);
    }

    /** The skip keywords (focus time) of that configuration, lower-cased as KioskSettings hands them out. */
    public static List<String> skipKeywords(Map<String, ?> config) {
        return rules(config).skipKeywords();
    }

    private static SelectionRules rules(Map<String, ?> config) {
        return SelectionRules.from(ConfigProxy.of(KioskConfiguration.Config.class, config));
    }
}
