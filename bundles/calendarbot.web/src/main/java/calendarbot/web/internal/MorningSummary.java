package calendarbot.web.internal;

import calendarbot.api.DayOverview;
import calendarbot.api.EventStore;
import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POST /api/morning-summary: calendarbot_lite's preview of a morning (06:00 to noon, tomorrow unless a date
 * is given), in its JSON: how many meetings, how dense, an early start, free blocks and a sentence to read out.
 * What the morning holds is the kiosk's {@link DayOverview}'s; the recommendations, the insights and the evening
 * wording are this endpoint's.
 */
final class MorningSummary {

    static final int SIGNIFICANT_FREE_BLOCK_MINUTES = 45;
    static final int MAX_EVENTS = DayOverview.MAX_MORNING_EVENTS;

    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private MorningSummary() {
    }

    /** @param date the morning to preview, or null for tomorrow in {@code zone} */
    static String render(DayOverview overview, EventStore store, Instant now, ZoneId zone, LocalDate date,
            int maxEvents) {
        boolean specificDate = date != null;
        LocalDate day = specificDate ? date : LocalDate.ofInstant(now, zone).plusDays(1);
        Morning m = overview.morning(store, day, zone, maxEvents);
        List<Occurrence> meetings = m.meetings();
        boolean early = m.earlyStart();
        boolean wholeMorning = meetings.isEmpty() && m.focusTime().isEmpty();

        String reference = specificDate ? day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US) : "tomorrow";
        JsonWriter w = new JsonWriter(2048).beginObject();
        w.name("summary").beginObject()
                .field("timeframe_start", IsoTimes.local(m.start(), zone))
                .field("timeframe_end", IsoTimes.local(m.end(), zone))
                .field("analysis_time", IsoTimes.utc(now))
                .field("total_meetings_equivalent", m.meetingEquivalents())
                .field("early_start_flag", early)
                .field("density", m.density().word())
                .field("back_to_back_count", m.backToBack());
        w.name("meeting_insights").beginArray();
        for (Occurrence o : meetings) {
            long until = o.start() - now.getEpochSecond();
            w.beginObject()
                    .field("meeting_id", o.id())
                    .field("subject", WhatsNextJson.orEmpty(o.event().summary()))
                    .field("start_time", IsoTimes.local(o.start(), zone))
                    .field("end_time", IsoTimes.local(o.end(), zone))
                    .field("time_until_minutes", until > 0 ? Long.valueOf(until / 60) : null)
                    .field("preparation_needed", false)
                    .field("is_online", o.event().onlineMeetingUrl() != null)
                    .field("attendees_count", o.event().attendeeCount() > 0 ? Long.valueOf(o.event().attendeeCount()) : null);
            w.name("short_note").nullValue().endObject();
        }
        w.endArray();
        w.name("free_blocks").beginArray();
        for (Morning.FreeBlock block : m.freeBlocks()) {
            long minutes = block.minutes();
            w.beginObject()
                    .field("start_time", IsoTimes.local(block.start(), zone))
                    .field("end_time", IsoTimes.local(block.end(), zone))
                    .field("duration_minutes", minutes)
                    .field("recommended_action", recommendation(block, m.end(), wholeMorning))
                    .field("is_significant", minutes >= SIGNIFICANT_FREE_BLOCK_MINUTES)
                    .endObject();
        }
        w.endArray();
        w.name("all_day_events").beginArray();
        for (Occurrence o : m.allDay()) {
            w.value(WhatsNextJson.orEmpty(o.event().summary()));
        }
        w.endArray();
        w.name("metadata").beginObject()
                .field("preview_for", reference.toLowerCase(Locale.ROOT) + "_morning")
                .name("generation_context").beginObject()
                .field("delivery_time", "evening")
                .field("reference_day", reference)
                .endObject().endObject();
        if (early) {
            // not before the morning begins: this answer is read out the evening before
            w.field("wake_up_recommendation_time", IsoTimes.local(Math.max(m.wakeUp(), m.start()), zone));
        }
        w.field("speech_text", speech(m, reference, zone));
        return w.endObject().endObject().toString();
    }

    private static String recommendation(Morning.FreeBlock block, long end, boolean wholeMorning) {
        long minutes = block.minutes();
        if (wholeMorning) {
            return "deep work or personal time";
        }
        if (block.end() == end) {
            return "wrap-up or preparation for afternoon";
        }
        if (minutes < SIGNIFICANT_FREE_BLOCK_MINUTES) {
            return null;
        }
        return minutes >= 120 ? "deep work session" : minutes >= 90 ? "focused project work" : "planning or preparation";
    }

    private static String speech(Morning m, String day, ZoneId zone) {
        List<Occurrence> meetings = m.meetings();
        List<Occurrence> allDay = m.allDay();
        double equivalents = m.meetingEquivalents();
        int backToBack = m.backToBack();
        if (meetings.isEmpty() && allDay.isEmpty() && !m.anyEvents()) {
            return "Good evening. You have a completely free morning " + day + " until noon. "
                    + "This is a great opportunity for deep work or personal time.";
        }
        List<String> parts = new ArrayList<>();
        parts.add("Good evening.");
        if (m.earlyStart()) {
            ZonedDateTime first = Instant.ofEpochSecond(m.firstMeeting().start()).atZone(zone);
            parts.add("You start " + (m.veryEarlyStart() ? "very early " : "early ") + day + " at "
                    + SPOKEN.format(first) + ".");
        }
        String total;
        if (equivalents != meetings.size()) {
            total = (equivalents == Math.rint(equivalents) ? String.valueOf((long) equivalents)
                    : String.format(Locale.US, "%.1f", equivalents)) + " meeting equivalents";
        } else if (meetings.size() == 1) {
            total = "1 meeting";
        } else {
            total = meetings.size() + " meetings";
        }
        parts.add("You have " + total + " before noon " + day + ".");
        if (m.density() == Morning.Density.BUSY) {
            parts.add("It's a busy morning, but you've got this.");
        } else if (m.density() == Morning.Density.LIGHT) {
            parts.add("It's a light morning schedule.");
        }
        if (backToBack == 1) {
            parts.add("You have one back-to-back meeting transition.");
        } else if (backToBack > 1) {
            parts.add("You have " + backToBack + " back-to-back meeting transitions.");
        }
        Morning.FreeBlock longest = m.longestFreeBlock();
        if (longest != null && longest.minutes() >= SIGNIFICANT_FREE_BLOCK_MINUTES) {
            parts.add("You have a " + spokenDuration(longest.minutes()) + " window starting at "
                    + SPOKEN.format(Instant.ofEpochSecond(longest.start()).atZone(zone)) + ".");
        }
        if (!meetings.isEmpty() && !m.earlyStart()) {
            Occurrence first = meetings.get(0);
            parts.add("Your first meeting is " + shortSubject(first.event().summary()) + " at "
                    + SPOKEN.format(Instant.ofEpochSecond(first.start()).atZone(zone)) + ".");
        }
        if (allDay.size() == 1) {
            parts.add("You also have " + WhatsNextJson.orEmpty(allDay.get(0).event().summary()) + " all day.");
        } else if (allDay.size() > 1 && allDay.size() <= 3) {
            parts.add("You also have " + String.join(", ",
                    allDay.stream().map(o -> WhatsNextJson.orEmpty(o.event().summary())).toList()) + " all day.");
        } else if (allDay.size() > 3) {
            parts.add("You also have several all-day items.");
        }
        return String.join(" ", parts);
    }

    private static String spokenDuration(long minutes) {
        if (minutes < 60) {
            return minutes + "-minute";
        }
        if (minutes == 60) {
            return "one-hour";
        }
        return minutes % 60 == 0 ? minutes / 60 + "-hour" : minutes / 60 + "-hour " + minutes % 60 + "-minute";
    }

    private static String shortSubject(String subject) {
        String[] words = WhatsNextJson.orEmpty(subject).trim().split("\\s+");
        return words.length <= 6 ? WhatsNextJson.orEmpty(subject).trim() : String.join(" ", List.of(words).subList(0, 6));
    }
}
