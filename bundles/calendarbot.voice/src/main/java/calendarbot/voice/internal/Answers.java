package calendarbot.voice.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.WhatsNext;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of /api/alexa/next-meeting, /time-until-next, /done-for-day and /launch-summary, in calendarbot_lite's
 * shape (field names, {@code speech_text}, {@code ssml} when asked for). The next meeting and the one in progress are
 * the wall's ({@link calendarbot.api.MeetingSelector#whatsNext}); "today" is the asked zone's.
 */
final class Answers {

    private Answers() {
    }

    /**
     * One question: the calendar at the kiosk's "now", the zone to answer in, and how.
     *
     * @param agenda the calendar
     * @param zone the zone of "today" and of spoken times
     * @param zoneName the zone as the caller named it, or the kiosk's when it named none
     * @param ssml true to add {@code ssml}
     */
    record Question(Agenda agenda, ZoneId zone, String zoneName, boolean ssml) {

        long now() {
            return agenda.nowSecond();
        }
    }

    /** Today in the asked zone: its meetings (with the one in progress), its all-day events, what is next. */
    private record Today(LocalDate date, List<Occurrence> meetings, List<Occurrence> allDay, Occurrence current,
            Occurrence next, Occurrence last) {

        boolean hasMeetings() {
            return !meetings.isEmpty() || !allDay.isEmpty();
        }

        boolean nextIsToday(ZoneId zone) {
            return next != null && LocalDate.ofInstant(next.startInstant(), zone).equals(date);
        }
    }

    private static Today today(Question q) {
        Agenda a = q.agenda();
        LocalDate date = LocalDate.ofInstant(a.now(), q.zone());
        Agenda.Day day = a.day(date, q.zone());
        WhatsNext wn = a.whatsNext();
        Occurrence current = wn.current();
        List<Occurrence> meetings = new ArrayList<>(day.meetings());
        // a meeting that began before midnight and is still on belongs to today as well
        if (current != null && !meetings.contains(current)) {
            meetings.add(0, current);
        }
        Agenda.Day withCurrent = new Agenda.Day(date, meetings, day.allDay());
        return new Today(date, meetings, day.allDay(), current, wn.next(), withCurrent.last());
    }

    /** GET /api/alexa/next-meeting. */
    static String nextMeeting(Question q) {
        Occurrence next = q.agenda().whatsNext().next();
        Utterance u = new Utterance();
        JsonWriter w = new JsonWriter(1024).beginObject();
        w.name("meeting");
        if (next == null) {
            u.sentence("You have no upcoming meetings.");
            w.nullValue();
        } else {
            long seconds = next.start() - q.now();
            sayNext(u, next, q);
            ParsedEvent e = next.event();
            w.beginObject()
                    .field("subject", orEmpty(e.summary()))
                    .field("start_iso", IsoTimes.utc(next.start()))
                    .field("end_iso", IsoTimes.utc(next.end()))
                    .field("seconds_until_start", seconds)
                    .field("duration_spoken", Spoken.duration(seconds))
                    .field("location", orEmpty(e.location()))
                    .field("is_online_meeting", e.onlineMeetingUrl() != null)
                    .field("speech_text", u.text());
            if (q.ssml()) {
                w.field("ssml", u.ssml());
            }
            w.endObject();
        }
        return finish(w, u, q);
    }

    /** GET /api/alexa/time-until-next. */
    static String timeUntilNext(Question q) {
        Occurrence next = q.agenda().whatsNext().next();
        Utterance u = new Utterance();
        JsonWriter w = new JsonWriter(512).beginObject();
        if (next == null) {
            u.sentence("You have no upcoming meetings.");
            w.name("seconds_until_start").nullValue().field("duration_spoken", "");
        } else {
            long seconds = next.start() - q.now();
            if (seconds <= 0) {
                u.sentence().say("Your next meeting, ").name(Spoken.subject(next.event().summary()))
                        .say(", is starting now.");
            } else {
                u.sentence().say("Your next meeting is " + Spoken.duration(seconds) + ": ")
                        .name(Spoken.subject(next.event().summary()))
                        .say(", " + Spoken.when(next.start(), q.agenda().now(), q.zone()) + ".");
            }
            w.field("seconds_until_start", seconds).field("duration_spoken", Spoken.duration(seconds));
        }
        return finish(w, u, q);
    }

    /** GET /api/alexa/done-for-day: when today's last meeting ends. */
    static String doneForDay(Question q) {
        Today t = today(q);
        Utterance u = new Utterance();
        sayDone(u, t, q, true);
        if (t.last() == null) {
            if (!t.allDay().isEmpty()) {
                u.sentence().say("You have ");
                names(u, t.allDay());
                u.say(" all day today, and no meetings.");
            } else {
                u.sentence("You have no meetings today.");
            }
        } else if (!t.allDay().isEmpty()) {
            u.sentence().say("You also have ");
            names(u, t.allDay());
            u.say(" all day.");
        }
        JsonWriter w = new JsonWriter(1024).beginObject()
                .field("now_iso", IsoTimes.utc(q.agenda().now()))
                .field("tz", q.zoneName());
        doneFields(w, t, q);
        w.field("meeting_count", t.meetings().size());
        w.field("speech_text", u.text());
        w.name("card").beginObject()
                .field("title", "Done for the Day")
                .field("content", u.text())
                .endObject();
        if (q.ssml()) {
            w.field("ssml", u.ssml());
        }
        return w.endObject().toString();
    }

    /**
     * GET /api/alexa/launch-summary: what Alexa says when the skill is opened. A meeting in progress first, then
     * the next one, today's all-day events, and when the day's meetings are over.
     */
    static String launchSummary(Question q) {
        Today t = today(q);
        Utterance u = new Utterance();
        ZoneId zone = q.zone();
        Occurrence current = t.current();
        Occurrence next = t.next();
        boolean nextToday = t.nextIsToday(zone);
        if (current != null) {
            u.sentence().say("You're currently in ").name(Spoken.subject(current.event().summary()))
                    .say(" until " + Spoken.time(current.endOrAnHour(), zone) + ".");
        }
        if (nextToday) {
            long seconds = next.start() - q.now();
            boolean afterCurrent = current != null && next.start() >= current.end();
            u.sentence().say(afterCurrent ? "After that, your next meeting is " : "Your next meeting is ")
                    .name(Spoken.subject(next.event().summary()))
                    .say(seconds <= 0 ? ", starting now." : " " + Spoken.duration(seconds) + ", "
                            + Spoken.when(next.start(), q.agenda().now(), zone) + ".");
        }
        if (!t.allDay().isEmpty()) {
            if (t.meetings().isEmpty()) {
                u.sentence().say("You have ");
                names(u, t.allDay());
                u.say(" all day today, and no meetings.");
            } else {
                u.sentence().say("You also have ");
                names(u, t.allDay());
                u.say(" all day today.");
            }
        }
        if (t.last() != null) {
            sayDone(u, t, q, false);
        } else if (t.allDay().isEmpty()) {
            if (next == null) {
                u.sentence("No meetings today, and you have no upcoming meetings.");
            } else {
                u.sentence().say("No meetings today, you're free until ").name(Spoken.subject(next.event().summary()))
                        .say(" " + Spoken.when(next.start(), q.agenda().now(), zone) + ".");
            }
        }
        if (next != null && !nextToday && (t.last() != null || !t.allDay().isEmpty())) {
            u.sentence().say("Your next meeting is ").name(Spoken.subject(next.event().summary()))
                    .say(" " + Spoken.when(next.start(), q.agenda().now(), zone) + ".");
        }
        String speech = u.text();
        JsonWriter w = new JsonWriter(1536).beginObject()
                .field("speech_text", speech)
                .field("has_meetings_today", t.hasMeetings());
        w.name("next_meeting");
        if (next == null) {
            w.nullValue();
        } else {
            long seconds = next.start() - q.now();
            w.beginObject()
                    .field("subject", orEmpty(next.event().summary()))
                    .field("start_iso", IsoTimes.utc(next.start()))
                    .field("seconds_until_start", seconds)
                    .field("duration_spoken", Spoken.duration(seconds))
                    .field("speech_text", speech)
                    .endObject();
        }
        w.name("current_meeting");
        if (current == null) {
            w.nullValue();
        } else {
            w.beginObject()
                    .field("subject", orEmpty(current.event().summary()))
                    .field("start_iso", IsoTimes.utc(current.start()))
                    .field("end_iso", IsoTimes.utc(current.end()))
                    .field("seconds_until_end", Math.max(0, current.end() - q.now()))
                    .endObject();
        }
        w.name("done_for_day").beginObject();
        doneFields(w, t, q);
        w.endObject();
        if (q.ssml()) {
            w.field("ssml", u.ssml());
        }
        return w.endObject().toString();
    }

    /** "You'll be done for the day at 5:00 pm" or "You're done for the day: your last meeting ended at 5:00 pm". */
    private static void sayDone(Utterance u, Today t, Question q, boolean nameLast) {
        Occurrence last = t.last();
        if (last == null) {
            return;
        }
        long end = last.endOrAnHour();
        String at = Spoken.time(end, q.zone());
        if (end > q.now()) {
            if (nameLast) {
                u.sentence().say("You'll be done for the day at " + at + ", when ")
                        .name(Spoken.subject(last.event().summary())).say(" ends.");
            } else if (last == t.current() && !t.nextIsToday(q.zone())) {
                u.sentence("That's your last meeting today, so you'll be done for the day at " + at + ".");
            } else {
                u.sentence("You'll be done for the day at " + at + ".");
            }
        } else {
            u.sentence("You're done for the day: your last meeting today ended at " + at + ".");
        }
    }

    /** calendarbot_lite's done-for-day fields. */
    private static void doneFields(JsonWriter w, Today t, Question q) {
        Occurrence last = t.last();
        w.field("has_meetings_today", t.hasMeetings())
                .field("last_meeting_start_iso", last == null ? null : IsoTimes.utc(last.start()))
                .field("last_meeting_end_iso", last == null ? null : IsoTimes.utc(last.endOrAnHour()))
                .field("last_meeting_end_local_iso", last == null ? null : IsoTimes.local(last.endOrAnHour(), q.zone()))
                .field("last_meeting_subject", last == null ? null : orEmpty(last.event().summary()));
        w.field("note", last == null && !t.allDay().isEmpty() ? "all-day events only, no timed meetings today" : null);
    }

    /** "Your next meeting is Team Standup in 2 hours, at 10:00 am, in Conference Room A." */
    private static void sayNext(Utterance u, Occurrence next, Question q) {
        ParsedEvent e = next.event();
        long seconds = next.start() - q.now();
        if (seconds <= 0) {
            u.sentence().say("Your next meeting, ").name(Spoken.subject(e.summary())).say(", is starting now");
        } else {
            u.sentence().say("Your next meeting is ").name(Spoken.subject(e.summary()))
                    .say(" " + Spoken.duration(seconds) + ", " + Spoken.when(next.start(), q.agenda().now(), q.zone()));
        }
        if (e.onlineMeetingUrl() != null) {
            u.say(", online");
        } else if (e.location() != null && !e.location().isBlank()) {
            u.say(", in ").name(e.location().trim());
        }
        u.say(".");
    }

    /** The subjects of {@code events}, each stressed: "A, B and C". */
    private static void names(Utterance u, List<Occurrence> events) {
        int n = Math.min(events.size(), 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                u.say(i == n - 1 && events.size() <= 3 ? " and " : ", ");
            }
            u.name(Spoken.subject(events.get(i).event().summary()));
        }
        if (events.size() > 3) {
            u.say(" and " + (events.size() - 3) + " more");
        }
    }

    private static String finish(JsonWriter w, Utterance u, Question q) {
        w.field("speech_text", u.text());
        if (q.ssml()) {
            w.field("ssml", u.ssml());
        }
        return w.endObject().toString();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
