package calendarbot.web.internal;

import calendarbot.api.EventStore;
import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.util.ArrayList;
import java.util.List;

/** Meetings of a span of time as done-for-day counts them. */
final class DayMeetings {

    /** More than anyone has in a day; bounds the work of one request. */
    static final int MAX = 200;

    private DayMeetings() {
    }

    /** Occurrences overlapping [from, to) that are not free, declined or skipped (all-day ones included). */
    static List<Occurrence> of(EventStore store, SkipList skips, long from, long to) {
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            ParsedEvent e = o.event();
            if (e.isFree() || "DECLINED".equalsIgnoreCase(e.myPartStat())
                    || skips != null && skips.isSkipped(o.id())) {
                continue;
            }
            result.add(o);
            if (result.size() == MAX) {
                break;
            }
        }
        return result;
    }
}
