package calendarbot.api.model;

/**
 * How long the phases of a source's last successful refresh took. Fetch and parse are one phase: the parser reads
 * the body as it arrives.
 *
 * @param fetchParseMillis from the request to the last parsed event
 * @param archiveMillis committing the copy of the body to the archive
 * @param expandMillis expanding the recurring events
 * @param storeMillis replacing the source's events in the store
 */
public record RefreshPhases(long fetchParseMillis, long archiveMillis, long expandMillis, long storeMillis) {

    /** The four phases together. */
    public long totalMillis() {
        return fetchParseMillis + archiveMillis + expandMillis + storeMillis;
    }
}
