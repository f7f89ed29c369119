package calendarbot.web.internal;

import calendarbot.api.KioskSettings;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the web needs of the kiosk settings: the KioskSettings service, plus the settings it does not
 * carry (heartbeat, skip keywords) read from its service properties, which Declarative Services fills
 * from configuration {@code calendarbot.kiosk}.
 *
 * @param zone kiosk time zone
 * @param layout configured layout name
 * @param heartbeatSeconds how often the page reports it is alive
 * @param skipKeywords lower-case words of non-meetings (focus time), for the morning summary
 */
record KioskView(ZoneId zone, String layout, int heartbeatSeconds, List<String> skipKeywords) {

    static final List<String> DEFAULT_SKIP_KEYWORDS =
            List.of("focus time", "focus", "deep work", "thinking time", "planning time");

    static KioskView of(KioskSettings settings, Map<String, ?> properties) {
        Map<String, ?> props = properties == null ? Map.of() : properties;
        return new KioskView(settings == null ? ZoneId.systemDefault() : settings.zone(),
                settings == null ? LayoutRegistry.DEFAULT : settings.layout(),
                intProperty(props.get("heartbeatSeconds"), 30), words(props.get("skipKeywords")));
    }

    private static int intProperty(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static List<String> words(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String[] array) {
            raw.addAll(List.of(array));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> raw.add(String.valueOf(v)));
        } else if (value instanceof String s) {
            raw.add(s);
        } else {
            return DEFAULT_SKIP_KEYWORDS;
        }
        List<String> result = new ArrayList<>();
        for (String w : raw) {
            if (w != null && !w.isBlank()) {
                result.add(w.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(result);
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
