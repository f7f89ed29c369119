package calendarbot.voice.internal;

import calendarbot.api.DayOverview;
import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GET /api/alexa/morning-summary: calendarbot_lite's preview of a morning, in the voice's words. Asked before noon
 * it is this morning, later it is tomorrow's; {@code date} names another day. What the morning holds (meetings,
 * focus time, density, an early start, free blocks) is the kiosk's {@link calendarbot.api.DayOverview}'s.
 */
final class MorningSummary {

    static final LocalTime MORNING_END = LocalTime.NOON;
    /** calendarbot_lite looks at no more than 50 events. */
    static final int MAX_EVENTS = DayOverview.MAX_MORNING_EVENTS;
    /** More free blocks than this are not read out one by one. */
    static final int MAX_FREE_BLOCKS_SPOKEN = 3;

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
        Morning m = agenda.morning(day, zone, r.maxEvents());
        List<Occurrence> meetings = m.meetings();
        List<Occurrence> actionable = m.allDay();
        Occurrence first = m.firstMeeting();
        boolean early = m.earlyStart();
        String density = m.density().word();
        int backToBack = m.backToBack();

        Utterance u = new Utterance();
        String greeting = asked.getHour() < 12 ? "Good morning." : asked.getHour() < 17 ? "Good afternoon."
                : "Good evening.";
        u.sentence(greeting);
        if (!m.anyEvents()) {
            u.sentence("You have a completely free morning " + reference + " until noon.");
            if (r.detail() != Detail.BRIEF) {
                u.sentence("This is a great opportunity for deep work or personal time.");
            }
        } else {
            if (early) {
                u.sentence().say("You start " + (m.veryEarlyStart() ? "very early " : "early ") + reference + " at "
                        + Spoken.time(first.start(), zone) + ", with ")
                        .name(Spoken.shortSubject(first.event().summary())).say(".");
            }
            u.sentence("You have " + total(meetings.size(), m.meetingEquivalents()) + " before noon " + reference + ".");
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
                sayFree(u, m, zone);
            }
            if (first != null && !early) {
                u.sentence().say("Your first meeting is ").name(Spoken.shortSubject(first.event().summary()))
                        .say(" at " + Spoken.time(first.start(), zone) + ".");
            }
            if (early && r.detail() != Detail.BRIEF) {
                u.sentence("Plan to be up by " + Spoken.time(m.wakeUp(), zone) + ".");
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
                .field("total_meetings_equivalent", m.meetingEquivalents())
                .field("early_start_flag", early)
                .field("density", density)
                .field("back_to_back_count", backToBack)
                .field("timeframe_start", IsoTimes.local(m.start(), zone))
                .field("timeframe_end", IsoTimes.local(m.end(), zone))
                .field("wake_up_recommendation", m.wakeUp() == null ? null : IsoTimes.local(m.wakeUp(), zone))
                .field("meeting_count", meetings.size());
        w.name("free_blocks").beginArray();
        for (Morning.FreeBlock b : m.freeBlocks()) {
            w.beginObject()
                    .field("start_time", IsoTimes.local(b.start(), zone))
                    .field("end_time", IsoTimes.local(b.end(), zone))
                    .field("duration_minutes", b.minutes())
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

    /** The longest free block as calendarbot_lite says it, then the others ("You're also free from ... to ..."). */
    private static void sayFree(Utterance u, Morning m, ZoneId zone) {
        Morning.FreeBlock longest = m.longestFreeBlock();
        if (longest == null) {
            return;
        }
        u.sentence("You have a " + Spoken.blockLength(longest.minutes()) + " window starting at "
                + Spoken.time(longest.start(), zone) + ".");
        List<String> others = new ArrayList<>();
        for (Morning.FreeBlock b : m.freeBlocks()) {
            if (b != longest && others.size() < MAX_FREE_BLOCKS_SPOKEN - 1) {
                others.add("from " + Spoken.time(b.start(), zone) + " to " + Spoken.time(b.end(), zone));
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
}
