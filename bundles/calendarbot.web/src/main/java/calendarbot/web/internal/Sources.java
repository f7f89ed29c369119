package calendarbot.web.internal;

import calendarbot.api.FeedRefresher;
import calendarbot.api.model.SourceStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The refresher's view of the sources, for names, colours and data age. */
final class Sources {

    private Sources() {
    }

    /** Every source's status, or an empty list while the refresher is not there. */
    static List<SourceStatus> status(FeedRefresher refresher) {
        if (refresher == null) {
            return List.of();
        }
        List<SourceStatus> status = refresher.status();
        return status == null ? List.of() : status;
    }

    static Map<String, SourceStatus> byId(List<SourceStatus> status) {
        Map<String, SourceStatus> result = new HashMap<>();
        for (SourceStatus s : status) {
            result.put(s.id(), s);
        }
        return result;
    }

    /** Seconds since the newest successful refresh of any source, or null when none has succeeded. */
    static Long dataAgeSeconds(List<SourceStatus> status, Instant now) {
        Instant newest = null;
        for (SourceStatus s : status) {
            if (s.lastSuccess() != null && (newest == null || s.lastSuccess().isAfter(newest))) {
                newest = s.lastSuccess();
            }
        }
        return newest == null ? null : Math.max(0, now.getEpochSecond() - newest.getEpochSecond());
    }

    static String name(Map<String, SourceStatus> sources, String id) {
        SourceStatus s = sources.get(id);
        return s == null || s.name() == null ? id : s.name();
    }

    static String colour(Map<String, SourceStatus> sources, String id) {
        SourceStatus s = sources.get(id);
        return s == null ? null : s.colour();
    }
}
