package calendarbot.web.internal;

import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceStatus;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The body of GET /api/events: every occurrence of a range, for the week and compact layouts. */
final class EventsJson {

    /** A week of a busy calendar is a few hundred; this bounds the answer on the Pi. */
    static final int MAX_EVENTS = 2000;

    private EventsJson() {
    }

    static String render(List<Occurrence> occurrences, long from, long to, ZoneId zone,
            Map<String, SourceStatus> sources, SkipList skips) {
        JsonWriter w = new JsonWriter(256 + occurrences.size() * 400).beginObject()
                .field("from_iso", IsoTimes.utc(from))
                .field("to_iso", IsoTimes.utc(to))
                .field("timezone", zone.getId())
                .field("truncated", occurrences.size() > MAX_EVENTS);
        w.name("events").beginArray();
        int n = 0;
        for (Occurrence o : occurrences) {
            if (n++ == MAX_EVENTS) {
                break;
            }
            ParsedEvent e = o.event();
            String id = o.id();
            w.beginObject()
                    .field("meeting_id", id)
                    .field("uid", e.uid())
                    .field("subject", WhatsNextJson.orEmpty(e.summary()))
                    .field("location", WhatsNextJson.orEmpty(e.location()))
                    .field("start_iso", IsoTimes.utc(o.start()))
                    .field("end_iso", IsoTimes.utc(o.end()))
                    .field("all_day", o.allDay())
                    .field("date", o.allDay() ? IsoTimes.date(o.start(), zone) : null)
                    .field("source", o.sourceId())
                    .field("source_name", Sources.name(sources, o.sourceId()))
                    .field("colour", Sources.colour(sources, o.sourceId()))
                    .field("status", e.status())
                    .field("is_free", e.isFree())
                    .field("is_skipped", skips != null && skips.isSkipped(id))
                    .field("my_response", e.myPartStat())
                    .field("is_online_meeting", e.onlineMeetingUrl() != null)
                    .field("online_meeting_url", e.onlineMeetingUrl())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }
}
