package calendarbot.web.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.util.Map;

/**
 * The body of GET /api/whats-next: calendarbot_lite's {"meeting", "status"} plus what the kiosk layouts
 * need (the meeting in progress, today's all-day events, the server clock, the data age).
 */
final class WhatsNextJson {

    private WhatsNextJson() {
    }

    /**
     * @param dataAgeSeconds seconds since the newest successful refresh, or null
     * @param generation the event store's generation
     */
    static String render(WhatsNext wn, KioskView kiosk, Map<String, SourceStatus> sources, Long dataAgeSeconds,
            long generation) {
        JsonWriter w = new JsonWriter(1024).beginObject();
        w.name("meeting");
        Occurrence next = wn.next();
        if (next == null) {
            w.nullValue();
        } else {
            meeting(w, next, wn.now(), sources);
        }
        WhatsNext.Status status = wn.status();
        w.name("status").beginObject()
                .field("message", status.message())
                .field("is_urgent", status.urgent())
                .field("is_critical", status.critical())
                .endObject();
        w.name("current");
        Occurrence current = wn.current();
        if (current == null) {
            w.nullValue();
        } else {
            ParsedEvent e = current.event();
            w.beginObject()
                    .field("meeting_id", current.id())
                    .field("subject", orEmpty(e.summary()))
                    .field("location", orEmpty(e.location()))
                    .field("start_iso", IsoTimes.utc(current.start()))
                    .field("end_iso", IsoTimes.utc(current.end()))
                    .field("seconds_until_end", Math.max(0, current.end() - wn.now()))
                    .field("is_online_meeting", e.onlineMeetingUrl() != null)
                    .field("online_meeting_url", e.onlineMeetingUrl())
                    .endObject();
        }
        w.name("all_day_events").beginArray();
        for (Occurrence o : wn.allDay()) {
            // the last day an all-day event covers is the day before its (exclusive) end
            w.beginObject()
                    .field("meeting_id", o.id())
                    .field("subject", orEmpty(o.event().summary()))
                    .field("date", IsoTimes.date(o.start(), kiosk.zone()))
                    .field("end_date", IsoTimes.date(Math.max(o.start(), o.end() - 1), kiosk.zone()))
                    .field("location", orEmpty(o.event().location()))
                    .endObject();
        }
        w.endArray();
        w.field("now_iso", IsoTimes.utc(wn.now()))
                .field("timezone", kiosk.zone().getId())
                .field("layout", kiosk.layout())
                .field("heartbeat_seconds", kiosk.heartbeatSeconds())
                .field("data_age_seconds", dataAgeSeconds)
                .field("generation", generation);
        return w.endObject().toString();
    }

    private static void meeting(JsonWriter w, Occurrence o, long now, Map<String, SourceStatus> sources) {
        ParsedEvent e = o.event();
        String tentative = "TENTATIVE";
        w.beginObject()
                .field("meeting_id", o.id())
                .field("subject", orEmpty(e.summary()))
                .field("description", orEmpty(e.description()));
        // the parser keeps only the count of attendees, not their addresses
        w.name("attendees").beginArray().endArray()
                .field("attendee_count", e.attendeeCount())
                .field("start_iso", IsoTimes.utc(o.start()))
                .field("end_iso", IsoTimes.utc(o.end()))
                .field("duration_seconds", o.end() - o.start())
                .field("location", orEmpty(e.location()))
                .field("seconds_until_start", o.start() - now)
                .field("raw_source", Sources.name(sources, o.sourceId()))
                .field("source", o.sourceId())
                .field("colour", Sources.colour(sources, o.sourceId()))
                .field("organizer", e.organizer())
                .field("is_online_meeting", e.onlineMeetingUrl() != null)
                .field("online_meeting_url", e.onlineMeetingUrl())
                .field("is_tentative", tentative.equals(e.status()) || tentative.equals(e.busyStatus())
                        || tentative.equalsIgnoreCase(e.myPartStat()))
                .field("all_day", o.allDay())
                .endObject();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
