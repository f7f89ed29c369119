package calendarbot.api;

import calendarbot.api.model.Occurrence;
import java.util.List;
import java.util.function.Predicate;

/**
 * Per-source snapshots of occurrences, swapped atomically. Queries merge the sources in start order and
 * show the same meeting (same UID and start) in two sources once. Times are epoch seconds.
 */
public interface EventStore {

    /** Replaces a source's snapshot; readers see the old one or the new one, never a mix. */
    void replace(String sourceId, List<Occurrence> occurrences);

    void remove(String sourceId);

    /** Occurrences overlapping [from, to), by start. */
    List<Occurrence> range(long from, long to);

    /** The first {@code limit} occurrences starting at or after {@code t} that match {@code filter}, by start. */
    List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter);

    /** Occurrences in progress at {@code t}. */
    List<Occurrence> inProgress(long t);

    /** Occurrences a source holds. */
    int size(String sourceId);

    /** A number that changes whenever any snapshot changes (for ETags). */
    long generation();
}
