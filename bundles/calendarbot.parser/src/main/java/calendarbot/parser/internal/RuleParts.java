package calendarbot.parser.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The salvageable part of an RRULE that failed the parser's quick check: exporters double the "RRULE:" prefix,
 * leave junk or empty parts between the semicolons, or write the FREQ in lower case. Only the slow path of a broken
 * rule comes here; what a part means is the expander's business.
 */
final class RuleParts {

    private static final Set<String> FREQUENCIES = Set.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY",
            "MONTHLY", "YEARLY");

    private RuleParts() {
    }

    /** The rule's NAME=VALUE parts joined again, or null when no valid FREQ is among them. */
    static String repaired(String written) {
        StringBuilder kept = new StringBuilder(written.length());
        boolean freq = false;
        for (String part : written.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                continue; // "RRULE:junk", "", "BYDAY="
            }
            String name = p.substring(0, eq).trim();
            // "RRULE:FREQ=WEEKLY": a doubled property name in front of the first part
            name = name.substring(name.lastIndexOf(':') + 1).trim().toUpperCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (name.isEmpty() || value.isEmpty()) {
                continue;
            }
            if (name.equals("FREQ")) {
                value = value.toUpperCase(Locale.ROOT);
                if (freq || !FREQUENCIES.contains(value)) {
                    continue;
                }
                freq = true;
            }
            if (kept.length() > 0) {
                kept.append(';');
            }
            kept.append(name).append('=').append(value);
        }
        return freq ? kept.toString() : null;
    }
}
