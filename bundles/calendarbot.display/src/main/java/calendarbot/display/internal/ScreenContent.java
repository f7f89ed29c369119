package calendarbot.display.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the screen says at one minute, in words: everything a picture is drawn from, and nothing else, so that two
 * equal contents give the same picture (its {@code toString} is part of the picture's version).
 *
 * @param clock the time, "07:50"
 * @param date the day, "Tue, Nov 24"
 * @param allDay "All day: Team offsite · Sam's birthday", or null
 * @param main what the middle of the screen is about
 * @param online the next meeting has an online link
 * @param countdown "10 min", "1 h 05 min", "now"; null without a next meeting
 * @param caption "until it starts" or "starting now"; null without a next meeting
 * @param urgency how close the next meeting is
 * @param title the meeting's subject, or what {@code main} says
 * @param time "08:00 – 08:30"; null without a next meeting
 * @param location the meeting's location, or null
 * @param status the selector's status line ("Starting soon"), or null
 * @param now "Now: Team standup · ends in 10 min", or null
 * @param banner the stale or unreachable banner, or null
 */
record ScreenContent(String clock, String date, String allDay, Main main, boolean online, String countdown,
        String caption, Urgency urgency, String title, String time, String location, String status, String now,
        Banner banner) {

    static final String NO_TITLE = "(no title)";

    /** What the middle of the screen is about. */
    enum Main {
        /** The next meeting. */
        MEETING("Next meeting"),
        /** No meeting ahead. */
        NONE("No meetings scheduled"),
        /** No source has answered yet and none failed: the first refresh is running. */
        LOADING("Loading the calendar\u2026"),
        /** The kiosk's calendar services are not running, or no source ever answered. */
        UNREACHABLE("Cannot reach the calendar");

        final String words;

        Main(String words) {
            this.words = words;
        }
    }

    /** The whats-next layout's states: calm, amber from the selector's "urgent", red from its "critical". */
    enum Urgency { NONE, CALM, URGENT, CRITICAL }

    /** The bottom banner: calendarbot.js's stale-data banner, or the framebuffer's "offline" one. */
    record Banner(boolean unreachable, String text) {
    }

    /** The data the calendar services gave, and how fresh it is. */
    record Data(WhatsNext next, ZoneId zone, Freshness freshness) {
    }

    /**
     * How the sources stand.
     *
     * @param ageSeconds seconds since the newest successful refresh, or null when none succeeded
     * @param allFailing every enabled source's last fetch failed
     * @param allPending no enabled source has been fetched or read from its archive yet
     */
    record Freshness(Long ageSeconds, boolean allFailing, boolean allPending) {

        /**
         * The one threshold of the pictures and the framebuffer: data older than this is called stale. It is the
         * kiosk page's (calendarbot.js, {@code staleSeconds}, 900 unless the page's ?stale= says otherwise): three
         * refresh intervals of the default five minutes.
         */
        static final long STALE_AFTER_SECONDS = 15 * 60;

        /** The sources' states at {@code wall} (bookkeeping time, like their last-success stamps). */
        static Freshness of(List<SourceStatus> sources, Instant wall) {
            Instant newest = null;
            int enabled = 0;
            int failing = 0;
            int pending = 0;
            for (SourceStatus s : sources) {
                if (s.state() == SourceStatus.State.DISABLED) {
                    continue;
                }
                enabled++;
                failing += s.state() == SourceStatus.State.FAILING ? 1 : 0;
                pending += s.state() == SourceStatus.State.PENDING ? 1 : 0;
                if (s.lastSuccess() != null && (newest == null || s.lastSuccess().isAfter(newest))) {
                    newest = s.lastSuccess();
                }
            }
            Long age = newest == null ? null : Math.max(0, wall.getEpochSecond() - newest.getEpochSecond());
            return new Freshness(age, enabled > 0 && failing == enabled, enabled > 0 && pending == enabled);
        }

        boolean stale() {
            return ageSeconds != null && ageSeconds > STALE_AFTER_SECONDS;
        }
    }

    /** The screen when the kiosk's calendar services are not there: the clock and "Cannot reach the calendar". */
    static ScreenContent unreachable(long now, ZoneId zone) {
        return new ScreenContent(Wording.time(now, zone), Wording.day(now, zone), null, Main.UNREACHABLE, false, null,
                null, Urgency.NONE, Main.UNREACHABLE.words, null, null, null, null, null);
    }

    /** The whats-next layout's texts for {@code data}, with its stale and unreachable rules. */
    static ScreenContent of(Data data) {
        WhatsNext wn = data.next();
        ZoneId zone = data.zone();
        long now = wn.now();
        Freshness f = data.freshness();
        Banner banner = null;
        if (f.allFailing() && (f.ageSeconds() == null || f.stale())) {
            banner = new Banner(true, f.ageSeconds() == null ? Main.UNREACHABLE.words
                    : Main.UNREACHABLE.words + " \u2014 last updated " + Wording.age(f.ageSeconds()) + " ago");
        } else if (f.stale()) {
            banner = new Banner(false, "Calendar data is " + Wording.age(f.ageSeconds()) + " old");
        }
        String allDay = allDay(wn.allDay());
        String nowLine = null;
        Occurrence current = wn.current();
        if (current != null && current.end() > now) {
            nowLine = "Now: " + subject(current.event()) + " \u00b7 ends in " + Wording.countdown(current.end() - now);
        }
        Occurrence next = wn.next();
        if (next == null) {
            Main main = f.ageSeconds() != null ? Main.NONE : f.allFailing() ? Main.UNREACHABLE
                    : f.allPending() ? Main.LOADING : Main.NONE;
            // the banner would only repeat the middle of the screen
            Banner shown = main == Main.UNREACHABLE ? null : banner;
            return new ScreenContent(Wording.time(now, zone), Wording.day(now, zone), allDay, main, false, null, null,
                    Urgency.NONE, main.words, null, null, null, nowLine, shown);
        }
        ParsedEvent e = next.event();
        long seconds = next.start() - now;
        WhatsNext.Status status = wn.status();
        Urgency urgency = status.critical() ? Urgency.CRITICAL : status.urgent() ? Urgency.URGENT : Urgency.CALM;
        String location = e.location() == null || e.location().isBlank() ? null : e.location();
        String statusLine = status.message() == null || status.message().isBlank() ? null : status.message();
        return new ScreenContent(Wording.time(now, zone), Wording.day(now, zone), allDay, Main.MEETING,
                e.onlineMeetingUrl() != null, Wording.countdown(seconds), seconds > 0 ? "until it starts" : "starting now",
                urgency, subject(e), next.allDay() ? "All day" : Wording.range(next.start(), next.end(), now, zone),
                location, statusLine, nowLine, banner);
    }

    private static String allDay(List<Occurrence> allDay) {
        if (allDay.isEmpty()) {
            return null;
        }
        List<String> subjects = new ArrayList<>();
        for (Occurrence o : allDay) {
            subjects.add(subject(o.event()));
        }
        return "All day: " + String.join(" \u00b7 ", subjects);
    }

    private static String subject(ParsedEvent e) {
        return e.summary() == null || e.summary().isBlank() ? NO_TITLE : e.summary();
    }
}
