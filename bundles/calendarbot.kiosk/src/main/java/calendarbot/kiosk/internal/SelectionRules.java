package calendarbot.kiosk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the meeting selection, from configuration {@code calendarbot.kiosk} (its defaults are
 * calendarbot_lite's).
 *
 * @param skipKeywords lower-case words; a subject containing one is never the next meeting
 * @param deprioritizedKeywords lower-case words; such a meeting gives way to another within the window
 * @param preferWindowSeconds how close the other meeting must start
 * @param urgentMinutes "Starting soon" at most this many whole minutes before the start
 * @param criticalMinutes "Starting very soon" at most this many whole minutes before the start
 */
record SelectionRules(List<String> skipKeywords, List<String> deprioritizedKeywords,
        long preferWindowSeconds, int urgentMinutes, int criticalMinutes) {

    public SelectionRules {
        skipKeywords = lowerCase(skipKeywords);
        deprioritizedKeywords = lowerCase(deprioritizedKeywords);
    }

    static SelectionRules from(KioskConfiguration.Config config) {
        return new SelectionRules(List.of(orEmpty(config.skipKeywords())),
                List.of(orEmpty(config.deprioritizedKeywords())), Math.max(0, config.preferWindowMinutes()) * 60L,
                config.urgentMinutes(), config.criticalMinutes());
    }

    boolean skipped(String summary) {
        return containsAny(summary, skipKeywords);
    }

    boolean deprioritized(String summary) {
        return containsAny(summary, deprioritizedKeywords);
    }

    private static boolean containsAny(String summary, List<String> words) {
        if (summary == null || words.isEmpty()) {
            return false;
        }
        String subject = summary.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (subject.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String[] orEmpty(String[] values) {
        return values == null ? new String[0] : values;
    }

    private static List<String> lowerCase(List<String> words) {
        List<String> result = new ArrayList<>();
        if (words != null) {
            for (String word : words) {
                if (word != null && !word.isBlank()) {
                    result.add(word.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(result);
    }
}
