package calendarbot.api;

import java.time.Instant;
import java.util.Map;

/** Meetings the user skipped, by occurrence id; persisted, expiring after 24 hours. */
public interface SkipList {

    boolean isSkipped(String occurrenceId);

    /** Skips an occurrence; returns when the skip expires. */
    Instant skip(String occurrenceId);

    /** Un-skips one occurrence; true when it was skipped. */
    boolean unskip(String occurrenceId);

    /** Clears every skip; returns how many there were. */
    int clear();

    /** Current skips and their expiry. */
    Map<String, Instant> skipped();
}
