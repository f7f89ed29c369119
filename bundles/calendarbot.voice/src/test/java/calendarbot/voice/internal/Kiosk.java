package calendarbot.voice.internal;

import calendarbot.api.DayOverview;
import calendarbot.api.EventBuilder;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.api.MeetingSelector;
import calendarbot.api.MemoryEventStore;
import calendarbot.api.MemorySkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.json.JsonReader;
import calendarbot.kiosk.internal.KioskDay;
import calendarbot.kiosk.internal.KioskRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * A kiosk for the voice tests: the API's in-memory store and skips, the kiosk's own meeting selection (with
 * configuration {@code calendarbot.kiosk}'s defaults: "focus time" and friends are skip keywords, "lunch" gives
 * way) and its view of a day, its zone, and a "now" the test sets. Meetings are placed by wall-clock time in the
 * kiosk's zone.
 */
final class Kiosk {

    final ZoneId zone;
    final ManualTime now;
    final MemoryEventStore store = new MemoryEventStore();
    final MemorySkipList skips;
    final FixedKioskSettings settings;
    final Map<String, Object> config = new HashMap<>();
    private int uid;

    Kiosk(String zone, String localNow) {
        this.zone = ZoneId.of(zone);
        this.now = new ManualTime(at(localNow));
        this.skips = new MemorySkipList(now);
        this.settings = new FixedKioskSettings(this.zone);
        this.settings.skipKeywords = KioskRules.skipKeywords(config);
    }

    /** An instant given as a local date-time in the kiosk's zone ("2025-11-05T10:00"). */
    Instant at(String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    void nowAt(String local) {
        now.set(at(local));
    }

    MeetingSelector selector() {
        return KioskRules.selector(zone, skips, config);
    }

    /** The kiosk's own view of a day (test scope only, as the selector). */
    DayOverview overview() {
        return new KioskDay(selector(), skips, settings);
    }

    Agenda agenda() {
        return new Agenda(store, selector(), overview(), settings, now.instant());
    }

    /** A meeting at a local start for some minutes. */
    Occurrence meeting(String subject, String localStart, int minutes) {
        return add(EventBuilder.meeting("m" + (++uid), subject, at(localStart), Duration.ofMinutes(minutes)));
    }

    Occurrence add(EventBuilder event) {
        Occurrence o = event.occurrence("work");
        store.add(o);
        return o;
    }

    Occurrence allDay(String subject, String date) {
        Occurrence o = EventBuilder.allDay("a" + (++uid), subject, LocalDate.parse(date))
                .allDayOccurrence("work", zone);
        store.add(o);
        return o;
    }

    EventBuilder event(String subject, String localStart, int minutes) {
        return EventBuilder.meeting("e" + (++uid), subject, at(localStart), Duration.ofMinutes(minutes));
    }

    Map<String, Object> ask(String json) {
        return JsonReader.parseObject(json);
    }

    Answers.Question question(String zoneName, boolean ssml) {
        ZoneId z = zoneName == null ? zone : ZoneId.of(zoneName);
        return new Answers.Question(agenda(), z, z.getId(), ssml);
    }

    Map<String, Object> nextMeeting(String zoneName) {
        return ask(Answers.nextMeeting(question(zoneName, false)));
    }

    Map<String, Object> timeUntil(String zoneName) {
        return ask(Answers.timeUntilNext(question(zoneName, false)));
    }

    Map<String, Object> doneForDay(String zoneName) {
        return ask(Answers.doneForDay(question(zoneName, false)));
    }

    Map<String, Object> launch(String zoneName) {
        return ask(Answers.launchSummary(question(zoneName, false)));
    }

    Map<String, Object> morning(String zoneName, String date, MorningSummary.Detail detail) {
        ZoneId z = zoneName == null ? zone : ZoneId.of(zoneName);
        LocalDate day = date == null ? null : LocalDate.parse(date);
        return ask(MorningSummary.render(agenda(),
                new MorningSummary.Request(day, z, detail, MorningSummary.MAX_EVENTS, false)));
    }

    static String speech(Map<String, Object> answer) {
        return String.valueOf(answer.get("speech_text"));
    }
}
