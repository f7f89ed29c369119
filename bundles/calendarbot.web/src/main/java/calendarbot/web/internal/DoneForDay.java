package calendarbot.web.internal;

import calendarbot.api.EventStore;
import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * GET /api/done-for-day: when today's last meeting ends, in calendarbot_lite's shape ("has_meetings_today",
 * "last_meeting_end_iso", ...). Today and its meetings are taken in the requested zone.
 */
final class DoneForDay {

    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private DoneForDay() {
    }

    /** @param requestedZone the tz parameter as given, echoed back (may be null) */
    static String render(EventStore store, SkipList skips, Instant now, ZoneId zone, String requestedZone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        long from = today.atStartOfDay(zone).toEpochSecond();
        long to = today.plusDays(1).atStartOfDay(zone).toEpochSecond();
        int count = 0;
        Occurrence last = null;
        long lastEnd = 0;
        for (Occurrence o : DayMeetings.of(store, skips, from, to)) {
            if (o.allDay() || o.start() < from || o.start() >= to) {
                continue;
            }
            count++;
            long end = o.endOrAnHour();
            if (last == null || end > lastEnd) {
                last = o;
                lastEnd = end;
            }
        }
        JsonWriter w = new JsonWriter().beginObject()
                .field("now_iso", IsoTimes.utc(now))
                .field("tz", requestedZone)
                .field("has_meetings_today", count > 0)
                .field("meeting_count", count)
                .field("last_meeting_start_iso", last == null ? null : IsoTimes.utc(last.start()))
                .field("last_meeting_end_iso", last == null ? null : IsoTimes.utc(lastEnd))
                .field("last_meeting_end_local_iso", last == null ? null : IsoTimes.local(lastEnd, zone))
                .field("last_meeting_subject", last == null ? null : WhatsNextJson.orEmpty(last.event().summary()));
        w.name("note").nullValue();
        String speech;
        if (last == null) {
            speech = "You have no meetings today.";
        } else {
            String at = SPOKEN.format(Instant.ofEpochSecond(lastEnd).atZone(zone));
            speech = lastEnd <= now.getEpochSecond() ? "You're done for the day. Your last meeting ended at " + at + "."
                    : "Your last meeting today ends at " + at + ".";
        }
        w.field("speech_text", speech);
        return w.endObject().toString();
    }
}
