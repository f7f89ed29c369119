package calendarbot.web.internal;

import calendarbot.api.EventStore;
import calendarbot.api.SkipList;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * POST /api/morning-summary: calendarbot_lite's preview of a morning (06:00 to noon, tomorrow unless a date
 * is given): how many meetings, how dense, an early start, free blocks and a sentence to read out.
 */
final class MorningSummary {

    static final int MORNING_START_HOUR = 6;
    static final int MORNING_END_HOUR = 12;
    static final int EARLY_START_HOUR = 8;
    static final int MIN_FREE_BLOCK_MINUTES = 30;
    static final int SIGNIFICANT_FREE_BLOCK_MINUTES = 45;
    static final int BACK_TO_BACK_GAP_MINUTES = 15;
    static final int WAKE_UP_BUFFER_MINUTES = 90;
    static final int MAX_EVENTS = 50;

    private static final List<String> NOT_ACTIONABLE_ALL_DAY =
            List.of("birthday", "holiday", "vacation", "day off", "anniversary");
    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private MorningSummary() {
    }

    /** @param date the morning to preview, or null for tomorrow in {@code zone} */
    static String render(EventStore store, SkipList skips, KioskView kiosk, Instant now, ZoneId zone,
            LocalDate date, int maxEvents) {
        boolean specificDate = date != null;
        LocalDate day = specificDate ? date : LocalDate.ofInstant(now, zone).plusDays(1);
        ZonedDateTime start = day.atTime(MORNING_START_HOUR, 0).atZone(zone);
        ZonedDateTime end = day.atTime(MORNING_END_HOUR, 0).atZone(zone);
        List<Occurrence> events = DayMeetings.of(store, skips, start.toEpochSecond(), end.toEpochSecond());
        if (events.size() > Math.min(maxEvents, MAX_EVENTS)) {
            events = events.subList(0, Math.min(maxEvents, MAX_EVENTS));
        }
        List<Occurrence> allDay = new ArrayList<>();
        List<Occurrence> timed = new ArrayList<>();
        for (Occurrence o : events) {
            (o.allDay() ? allDay : timed).add(o);
        }
        timed.sort(Comparator.comparingLong(Occurrence::start));

        double equivalents = 0;
        List<Occurrence> actionableAllDay = new ArrayList<>();
        for (Occurrence o : allDay) {
            if (actionable(o)) {
                actionableAllDay.add(o);
                equivalents += 0.5;
            }
        }
        List<Occurrence> meetings = new ArrayList<>();
        for (Occurrence o : timed) {
            if (!kiosk.isFocusTime(o.event().summary())) {
                meetings.add(o);
                equivalents += 1;
            }
        }
        String density = equivalents <= 2 ? "light" : equivalents <= 4 ? "moderate" : "busy";
        long earlyLimit = day.atTime(EARLY_START_HOUR, 0).atZone(zone).toEpochSecond();
        boolean early = timed.stream().anyMatch(o -> o.start() < earlyLimit);
        List<long[]> free = freeBlocks(timed, start.toEpochSecond(), end.toEpochSecond());
        int backToBack = backToBack(timed);

        String reference = specificDate ? day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US) : "tomorrow";
        JsonWriter w = new JsonWriter(2048).beginObject();
        w.name("summary").beginObject()
                .field("timeframe_start", IsoTimes.local(start.toEpochSecond(), zone))
                .field("timeframe_end", IsoTimes.local(end.toEpochSecond(), zone))
                .field("analysis_time", IsoTimes.utc(now))
                .field("total_meetings_equivalent", equivalents)
                .field("early_start_flag", early)
                .field("density", density)
                .field("back_to_back_count", backToBack);
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
        for (long[] block : free) {
            long minutes = (block[1] - block[0]) / 60;
            w.beginObject()
                    .field("start_time", IsoTimes.local(block[0], zone))
                    .field("end_time", IsoTimes.local(block[1], zone))
                    .field("duration_minutes", minutes)
                    .field("recommended_action", recommendation(block, minutes, start, end, timed.isEmpty()))
                    .field("is_significant", minutes >= SIGNIFICANT_FREE_BLOCK_MINUTES)
                    .endObject();
        }
        w.endArray();
        w.name("all_day_events").beginArray();
        for (Occurrence o : actionableAllDay) {
            w.value(WhatsNextJson.orEmpty(o.event().summary()));
        }
        w.endArray();
        w.name("metadata").beginObject()
                .field("preview_for", reference.toLowerCase(Locale.ROOT) + "_morning")
                .name("generation_context").beginObject()
                .field("delivery_time", "evening")
                .field("reference_day", reference)
                .endObject().endObject();
        if (early && !meetings.isEmpty()) {
            long wake = Math.max(meetings.get(0).start() - WAKE_UP_BUFFER_MINUTES * 60L,
                    day.atTime(MORNING_START_HOUR, 0).atZone(zone).toEpochSecond());
            w.field("wake_up_recommendation_time", IsoTimes.local(wake, zone));
        }
        w.field("speech_text", speech(meetings, actionableAllDay, density, early, free, backToBack, equivalents,
                !events.isEmpty(), reference, zone));
        return w.endObject().endObject().toString();
    }

    private static boolean actionable(Occurrence o) {
        String s = WhatsNextJson.orEmpty(o.event().summary()).toLowerCase(Locale.ROOT);
        return NOT_ACTIONABLE_ALL_DAY.stream().noneMatch(s::contains);
    }

    /** Gaps of at least 30 minutes between the morning's timed events (focus time occupies time too). */
    static List<long[]> freeBlocks(List<Occurrence> timed, long start, long end) {
        List<long[]> blocks = new ArrayList<>();
        long cursor = start;
        for (Occurrence o : timed) {
            if (o.start() > cursor && (Math.min(o.start(), end) - cursor) / 60 >= MIN_FREE_BLOCK_MINUTES) {
                blocks.add(new long[] { cursor, Math.min(o.start(), end) });
            }
            cursor = Math.max(cursor, o.end());
        }
        if (end > cursor && (end - cursor) / 60 >= MIN_FREE_BLOCK_MINUTES) {
            blocks.add(new long[] { cursor, end });
        }
        return blocks;
    }

    private static int backToBack(List<Occurrence> timed) {
        int count = 0;
        for (int i = 0; i + 1 < timed.size(); i++) {
            if (timed.get(i + 1).start() - timed.get(i).end() < BACK_TO_BACK_GAP_MINUTES * 60L) {
                count++;
            }
        }
        return count;
    }

    private static String recommendation(long[] block, long minutes, ZonedDateTime start, ZonedDateTime end,
            boolean wholeMorning) {
        if (wholeMorning) {
            return "deep work or personal time";
        }
        if (block[1] == end.toEpochSecond()) {
            return "wrap-up or preparation for afternoon";
        }
        if (minutes < SIGNIFICANT_FREE_BLOCK_MINUTES) {
            return null;
        }
        return minutes >= 120 ? "deep work session" : minutes >= 90 ? "focused project work" : "planning or preparation";
    }

    private static String speech(List<Occurrence> meetings, List<Occurrence> allDay, String density, boolean early,
            List<long[]> free, int backToBack, double equivalents, boolean anyEvents, String day, ZoneId zone) {
        if (meetings.isEmpty() && allDay.isEmpty() && !anyEvents) {
            return "Good evening. You have a completely free morning " + day + " until noon. "
                    + "This is a great opportunity for deep work or personal time.";
        }
        List<String> parts = new ArrayList<>();
        parts.add("Good evening.");
        if (early && !meetings.isEmpty()) {
            ZonedDateTime first = Instant.ofEpochSecond(meetings.get(0).start()).atZone(zone);
            boolean veryEarly = first.getHour() < 7 || first.getHour() == 7 && first.getMinute() < 30;
            parts.add("You start " + (veryEarly ? "very early " : "early ") + day + " at " + SPOKEN.format(first) + ".");
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
        if (density.equals("busy")) {
            parts.add("It's a busy morning, but you've got this.");
        } else if (density.equals("light")) {
            parts.add("It's a light morning schedule.");
        }
        if (backToBack == 1) {
            parts.add("You have one back-to-back meeting transition.");
        } else if (backToBack > 1) {
            parts.add("You have " + backToBack + " back-to-back meeting transitions.");
        }
        long[] longest = free.stream().max(Comparator.comparingLong(b -> b[1] - b[0])).orElse(null);
        if (longest != null && (longest[1] - longest[0]) / 60 >= SIGNIFICANT_FREE_BLOCK_MINUTES) {
            parts.add("You have a " + spokenDuration((longest[1] - longest[0]) / 60) + " window starting at "
                    + SPOKEN.format(Instant.ofEpochSecond(longest[0]).atZone(zone)) + ".");
        }
        if (!meetings.isEmpty() && !early) {
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
