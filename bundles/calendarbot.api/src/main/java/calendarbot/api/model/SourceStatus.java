package calendarbot.api.model;

import java.time.Instant;
import java.util.List;

/**
 * Health of one source, as /api/health shows it.
 *
 * @param id source id
 * @param name source name
 * @param colour source colour
 * @param state what the kiosk shows for this source
 * @param lastAttempt start of the last fetch, or null
 * @param lastSuccess end of the last successful fetch (or archive load), or null
 * @param error text of the last failure while failing, else null
 * @param events occurrences currently held
 * @param bytes body bytes of the last successful fetch
 * @param parseErrors malformed components skipped in the last successful parse
 * @param nextAttempt when the next fetch is due, or null
 * @param refreshingSince when the refresh under way (or waiting for a worker) was started, or null: with
 *     {@code nextAttempt} it tells a scheduler at work from a wedged one
 * @param lastPhases the phase times of the last successful refresh, or null
 * @param warnings what the events shown had to be guessed with, e.g. a time zone the kiosk does not know; the wall
 *     shows them, but someone should look. Empty when there is nothing to say
 */
public record SourceStatus(String id, String name, String colour, State state, Instant lastAttempt,
        Instant lastSuccess, String error, int events, long bytes, int parseErrors, Instant nextAttempt,
        Instant refreshingSince, RefreshPhases lastPhases, List<String> warnings) {

    public SourceStatus {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A status without a refresh under way, phase times or warnings. */
    public SourceStatus(String id, String name, String colour, State state, Instant lastAttempt, Instant lastSuccess,
            String error, int events, long bytes, int parseErrors, Instant nextAttempt) {
        this(id, name, colour, state, lastAttempt, lastSuccess, error, events, bytes, parseErrors, nextAttempt, null,
                null, List.of());
    }

    /** Where a source stands. */
    public enum State {
        /** Not fetched yet and no archive. */
        PENDING,
        /** Showing events from the on-disk archive; the network has not answered yet. */
        ARCHIVE,
        /** Last fetch succeeded (or was 304). */
        OK,
        /** Last fetch failed; the last good events are kept. */
        FAILING,
        /** Disabled by configuration. */
        DISABLED
    }
}
