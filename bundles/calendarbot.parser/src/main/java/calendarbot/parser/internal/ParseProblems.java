package calendarbot.parser.internal;

import calendarbot.api.model.ParseReport.ParseError;
import java.util.ArrayList;
import java.util.List;

/**
 * What one parse found wrong: every malformed component is counted as skipped, and the first {@link #MAX_ERRORS}
 * messages (skips and salvaged values alike) are kept for the report; a broken feed must not fill the heap with them.
 */
final class ParseProblems {

    static final int MAX_ERRORS = 50;

    private final List<ParseError> errors = new ArrayList<>();
    private int skipped;

    /** A component dropped from the result. */
    void malformed(int line, String reason) {
        skipped++;
        warn(line, reason);
    }

    /** Something salvaged or ignored; the component is kept. */
    void warn(int line, String reason) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new ParseError(line, reason));
        }
    }

    int skipped() {
        return skipped;
    }

    List<ParseError> errors() {
        return List.copyOf(errors);
    }
}
