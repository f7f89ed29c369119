package calendarbot.voice.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * GET /api/alexa/morning-summary: calendarbot_lite's preview of a morning, 06:00 to noon of the asked day. Asked
 * before noon it is this morning, later it is tomorrow's; {@code date} names another day. Meetings are the kiosk's
 * (focus time is no meeting but takes time), an actionable all-day event counts as half a meeting, the density
 * is light up to 2, moderate up to 4, busy beyond; a meeting before 08:00 is an early start with a wake-up time 90
 * minutes before it; meetings at most 15 minutes apart are back to back, and free blocks of 30 minutes or more
 * are named.
 */
final class MorningSummary {

    static final LocalTime MORNING_START = LocalTime.of(6, 0);
    static final LocalTime MORNING_END = LocalTime.NOON;
    static final LocalTime EARLY_START = LocalTime.of(8, 0);
    static final LocalTime VERY_EARLY_START = LocalTime.of(7, 30);
    static final long WAKE_UP_BUFFER_SECONDS = 90 * 60;
    static final long MIN_FREE_BLOCK_SECONDS = 30 * 60;
    static final long BACK_TO_BACK_GAP_SECONDS = 15 * 60;
    /** calendarbot_lite looks at no more than 50 events. */
    static final int MAX_EVENTS = 50;
    /** More free blocks than this are not read out one by one. */
    static final int MAX_FREE_BLOCKS_SPOKEN = 3;

    /** All-day events that are no work to get through: calendarbot_lite does not count them. */
    private static final List<String> NOT_ACTIONABLE = List.of("birthday", "holiday", "vacation", "day off",
            "anniversary");

    /** How much is said. */
    enum Detail {
        BRIEF, NORMAL, DETAILED, VERBOSE;

        static Detail parse(String text) {
            for (Detail d : values()) {
                if (d.name().equalsIgnoreCase(text.trim())) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * One request.
     *
     * @param date the morning to preview, or null for the next one (this morning before noon, else tomorrow's)
     * @param zone the zone of the morning and of spoken times
     * @param detail how much is said
     * @param maxEvents at most this many events are looked at (and never more than {@link #MAX_EVENTS})
     * @param ssml true to add {@code ssml}
     */
    record Request(LocalDate date, ZoneId zone, Detail detail, int maxEvents, boolean ssml) {
    }

    private MorningSummary() {
    }

    static String render(Agenda agenda, Request r) {
        ZoneId zone = r.zone();
        ZonedDateTime asked = agenda.now().atZone(zone);
        LocalDate day;
        String reference;
        String previewFor;
        if (r.date() != null) {
            day = r.date();
            reference = "on " + Spoken.dayName(day);
            previewFor = Spoken.dayName(day).toLowerCase(Locale.ROOT) + "_morning";
        } else if (asked.toLocalTime().isBefore(MORNING_END)) {
            day = asked.toLocalDate();
            reference = "today";
            previewFor = "today_morning";
        } else {
            day = asked.toLocalDate().plusDays(1);
            reference = "tomorrow";
            previewFor = "tomorrow_morning";
        }
        long start = ZonedDateTime.of(day, MORNING_START, zone).toEpochSecond();
        long end = ZonedDateTime.of(day, MORNING_END, zone).toEpochSecond();
        int limit = Math.max(1, Math.min(r.maxEvents(), MAX_EVENTS));

        List<Occurrence> meetings = new ArrayList<>();
        List<Occurrence> busy = new ArrayList<>();
        int looked = 0;
        for (Occurrence o : agenda.timed(start, end)) {
            if (looked == limit) {
                break;
            }
            if (agenda.isMeeting(o)) {
                meetings.add(o);
                busy.add(o);
                looked++;
            } else if (agenda.isFocusTime(o)) {
                busy.add(o);
                looked++;
            }
        }
        List<Occurrence> allDay = agenda.allDay(day);
        List<Occurrence> actionable = new ArrayList<>();
        for (Occurrence o : allDay) {
            if (looked == limit) {
                break;
            }
            looked++;
            if (actionable(o)) {
                actionable.add(o);
            }
        }
        boolean anyEvents = looked > 0;

        double equivalents = meetings.size() + 0.5 * actionable.size();
        String density = equivalents <= 2 ? "light" : equivalents <= 4 ? "moderate" : "busy";
        Occurrence first = meetings.isEmpty() ? null : meetings.get(0);
        long earlyLimit = ZonedDateTime.of(day, EARLY_START, zone).toEpochSecond();
        boolean early = first != null && first.start() < earlyLimit;
        Long wakeUp = early ? first.start() - WAKE_UP_BUFFER_SECONDS : null;
        List<long[]> free = freeBlocks(busy, start, end);
        int backToBack = backToBack(meetings);

        Utterance u = new Utterance();
        String greeting = asked.getHour() < 12 ? "Good morning." : asked.getHour() < 17 ? "Good afternoon."
                : "Good evening.";
        u.sentence(greeting);
        if (!anyEvents) {
            u.sentence("You have a completely free morning " + reference + " until noon.");
            if (r.detail() != Detail.BRIEF) {
                u.sentence("This is a great opportunity for deep work or personal time.");
            }
        } else {
            if (early) {
                boolean veryEarly = java.time.Instant.ofEpochSecond(first.start()).atZone(zone).toLocalTime().isBefore(VERY_EARLY_START);
                u.sentence().say("You start " + (veryEarly ? "very early " : "early ") + reference + " at "
                        + Spoken.time(first.start(), zone) + ", with ")
                        .name(Spoken.shortSubject(first.event().summary())).say(".");
            }
            u.sentence("You have " + total(meetings.size(), equivalents) + " before noon " + reference + ".");
            if (r.detail() != Detail.BRIEF) {
                u.sentence(switch (density) {
                    case "busy" -> "It's a busy morning, but you've got this.";
                    case "moderate" -> "It's a moderately busy morning.";
                    default -> "It's a light morning schedule.";
                });
                if (backToBack == 1) {
                    u.sentence("You have one back-to-back meeting transition.");
                } else if (backToBack > 1) {
                    u.sentence("You have " + backToBack + " back-to-back meeting transitions.");
                }
                sayFree(u, free, zone);
            }
            if (first != null && !early) {
                u.sentence().say("Your first meeting is ").name(Spoken.shortSubject(first.event().summary()))
                        .say(" at " + Spoken.time(first.start(), zone) + ".");
            }
            if (early && r.detail() != Detail.BRIEF) {
                u.sentence("Plan to be up by " + Spoken.time(wakeUp, zone) + ".");
            }
            if (r.detail() == Detail.DETAILED || r.detail() == Detail.VERBOSE) {
                sayMeetings(u, meetings, zone);
            }
            if (!actionable.isEmpty() && r.detail() != Detail.BRIEF) {
                u.sentence().say("You also have ");
                if (actionable.size() <= 3) {
                    for (int i = 0; i < actionable.size(); i++) {
                        if (i > 0) {
                            u.say(i == actionable.size() - 1 ? " and " : ", ");
                        }
                        u.name(Spoken.subject(actionable.get(i).event().summary()));
                    }
                } else {
                    u.say("several all-day items");
                }
                u.say(" all day.");
            }
        }

        JsonWriter w = new JsonWriter(1024).beginObject().field("speech_text", u.text());
        w.name("summary").beginObject()
                .field("preview_for", previewFor)
                .field("total_meetings_equivalent", equivalents)
                .field("early_start_flag", early)
                .field("density", density)
                .field("back_to_back_count", backToBack)
                .field("timeframe_start", IsoTimes.local(start, zone))
                .field("timeframe_end", IsoTimes.local(end, zone))
                .field("wake_up_recommendation", wakeUp == null ? null : IsoTimes.local(wakeUp, zone))
                .field("meeting_count", meetings.size());
        w.name("free_blocks").beginArray();
        for (long[] b : free) {
            w.beginObject()
                    .field("start_time", IsoTimes.local(b[0], zone))
                    .field("end_time", IsoTimes.local(b[1], zone))
                    .field("duration_minutes", (b[1] - b[0]) / 60)
                    .endObject();
        }
        w.endArray().endObject();
        if (r.ssml()) {
            w.field("ssml", u.ssml());
        }
        return w.endObject().toString();
    }

    /** "1 meeting", "3 meetings", "2.5 meeting equivalents" (with all-day events), "no meetings". */
    static String total(int meetings, double equivalents) {
        if (equivalents != meetings) {
            return (equivalents == Math.rint(equivalents) ? String.valueOf((long) equivalents)
                    : String.format(Locale.ROOT, "%.1f", equivalents)) + " meeting equivalents";
        }
        return meetings == 0 ? "no meetings" : meetings == 1 ? "1 meeting" : meetings + " meetings";
    }

    /** Gaps of at least 30 minutes in [start, end) between busy blocks (meetings and focus time). */
    static List<long[]> freeBlocks(List<Occurrence> busy, long start, long end) {
        List<Occurrence> sorted = new ArrayList<>(busy);
        sorted.sort(Comparator.comparingLong(Occurrence::start));
        List<long[]> blocks = new ArrayList<>();
        long cursor = start;
        for (Occurrence o : sorted) {
            long from = Math.min(o.start(), end);
            if (from - cursor >= MIN_FREE_BLOCK_SECONDS) {
                blocks.add(new long[] { cursor, from });
            }
            cursor = Math.max(cursor, Math.min(Agenda.end(o), end));
        }
        if (end - cursor >= MIN_FREE_BLOCK_SECONDS) {
            blocks.add(new long[] { cursor, end });
        }
        return blocks;
    }

    /** Meetings that start at most 15 minutes after the ones before them end (overlapping ones too). */
    static int backToBack(List<Occurrence> meetings) {
        List<Occurrence> sorted = new ArrayList<>(meetings);
        sorted.sort(Comparator.comparingLong(Occurrence::start));
        int count = 0;
        long lastEnd = Long.MIN_VALUE;
        for (Occurrence o : sorted) {
            if (lastEnd != Long.MIN_VALUE && o.start() - lastEnd <= BACK_TO_BACK_GAP_SECONDS) {
                count++;
            }
            lastEnd = Math.max(lastEnd, Agenda.end(o));
        }
        return count;
    }

    /** The longest free block as calendarbot_lite says it, then the others ("You're also free from ... to ..."). */
    private static void sayFree(Utterance u, List<long[]> free, ZoneId zone) {
        if (free.isEmpty()) {
            return;
        }
        long[] longest = free.stream().max(Comparator.comparingLong(b -> b[1] - b[0])).orElseThrow();
        u.sentence("You have a " + Spoken.blockLength((longest[1] - longest[0]) / 60) + " window starting at "
                + Spoken.time(longest[0], zone) + ".");
        List<String> others = new ArrayList<>();
        for (long[] b : free) {
            if (b != longest && others.size() < MAX_FREE_BLOCKS_SPOKEN - 1) {
                others.add("from " + Spoken.time(b[0], zone) + " to " + Spoken.time(b[1], zone));
            }
        }
        if (!others.isEmpty()) {
            u.sentence("You're also free " + Spoken.list(others) + ".");
        }
    }

    private static void sayMeetings(Utterance u, List<Occurrence> meetings, ZoneId zone) {
        if (meetings.size() < 2) {
            return;
        }
        u.sentence().say("Your meetings are ");
        for (int i = 0; i < meetings.size(); i++) {
            if (i > 0) {
                u.say(i == meetings.size() - 1 ? " and " : ", ");
            }
            Occurrence o = meetings.get(i);
            u.name(Spoken.shortSubject(o.event().summary())).say(" at " + Spoken.time(o.start(), zone));
        }
        u.say(".");
    }

    private static boolean actionable(Occurrence o) {
        String s = o.event().summary() == null ? "" : o.event().summary().toLowerCase(Locale.ROOT);
        return NOT_ACTIONABLE.stream().noneMatch(s::contains);
    }
}
