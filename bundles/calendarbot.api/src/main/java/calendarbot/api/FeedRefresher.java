package calendarbot.api;

import calendarbot.api.model.SourceStatus;
import java.util.List;

/** Keeps every configured source refreshed and reports their health. */
public interface FeedRefresher {

    /** Every configured source, in name order. */
    List<SourceStatus> status();

    /** Schedules an immediate refresh of one source, or all when {@code sourceId} is null; false if unknown. */
    boolean refreshNow(String sourceId);
}
