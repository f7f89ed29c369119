package calendarbot.parser.shared;

import calendarbot.api.model.ParseReport.ParseError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one parse found wrong, by {@link SalvageRule}: every application of a rule is counted, every dropped component
 * and every salvaged one too, and the first {@link #MAX_ERRORS} messages are kept for the report; a broken feed must
 * not fill the heap with them.
 */
public final class ParseProblems {

    public static final int MAX_ERRORS = 50;

    private final List<ParseError> errors = new ArrayList<>();
    private final int[] applied = new int[SalvageRule.values().length];
    private int skipped;
    private int salvaged;

    /**
     * Reports one application of {@code rule} on {@code line}.
     *
     * @param subject what it concerns for a person (e.g. "VEVENT 'Standup'"), or null
     * @param value the offending value's sample, or null
     */
    public void apply(SalvageRule rule, int line, String subject, String value) {
        applied[rule.ordinal()]++;
        if (rule.dropsComponent()) {
            skipped++;
        }
        if (errors.size() < MAX_ERRORS) {
            StringBuilder reason = new StringBuilder(96);
            if (subject != null) {
                reason.append(subject).append(": ");
            }
            reason.append(rule.effect);
            if (value != null) {
                reason.append(" [").append(value).append(']');
            }
            errors.add(new ParseError(line, reason.toString(), rule.id, rule.dropsComponent()));
        }
    }

    /** A component delivered although one or more rules repaired or ignored something in it. */
    public void salvagedComponent() {
        salvaged++;
    }

    public int skipped() {
        return skipped;
    }

    public int salvaged() {
        return salvaged;
    }

    public List<ParseError> errors() {
        return List.copyOf(errors);
    }

    /** An event for a person: "VEVENT 'Standup'", by SUMMARY, else UID. */
    public static String subject(String summary, String uid) {
        String name = summary != null ? summary : uid;
        return name == null ? "VEVENT" : "VEVENT '" + TextValues.cut(name, 40) + "'";
    }

    /** Rule name to times applied, rules never applied left out. */
    public Map<String, Integer> rules() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (SalvageRule rule : SalvageRule.values()) {
            if (applied[rule.ordinal()] > 0) {
                m.put(rule.id, applied[rule.ordinal()]);
            }
        }
        return m;
    }
}
