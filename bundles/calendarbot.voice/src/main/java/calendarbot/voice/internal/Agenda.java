package calendarbot.voice.internal;

import calendarbot.api.DayOverview;
import calendarbot.api.EventStore;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar as the kiosk page sees it, asked from another time zone. What is a meeting is never decided here:
 * the kiosk's {@link MeetingSelector} chooses the next meeting and the one in progress, and its
 * {@link MeetingSelector#exclusion exclusion} says which occurrences are no meetings (free, cancelled, declined,
 * skipped, a focus-time keyword), so the voice and the wall cannot disagree; all-day events and the morning are the
 * kiosk's {@link DayOverview}'s.
 *
 * @param store the event store
 * @param selector the kiosk's meeting selection
 * @param overview the kiosk's view of a day (all-day events, the morning)
 * @param kiosk the kiosk's settings
 * @param now the kiosk's "now"
 */
record Agenda(EventStore store, MeetingSelector selector, DayOverview overview, KioskSettings kiosk, Instant now) {

    /** More than anyone has in a day; bounds the work of one request. */
    static final int MAX_PER_DAY = 200;

    /** Timed meetings starting on {@code day} and all-day events covering it, both in start order. */
    record Day(LocalDate day, List<Occurrence> meetings, List<Occurrence> allDay) {

        boolean isEmpty() {
            return meetings.isEmpty() && allDay.isEmpty();
        }

        /** The meeting that ends last (ends are {@link Occurrence#endOrAnHour()}), or null. */
        Occurrence last() {
            Occurrence last = null;
            for (Occurrence o : meetings) {
                if (last == null || o.endOrAnHour() > last.endOrAnHour()
                        || o.endOrAnHour() == last.endOrAnHour() && o.start() > last.start()) {
                    last = o;
                }
            }
            return last;
        }
    }

    /** What the wall shows now: the next meeting and the one in progress. */
    WhatsNext whatsNext() {
        return selector.whatsNext(store, now);
    }

    long nowSecond() {
        return now.getEpochSecond();
    }

    /** The timed meetings starting on {@code day} in {@code zone}, and the all-day events of that date. */
    Day day(LocalDate day, ZoneId zone) {
        long from = day.atStartOfDay(zone).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        List<Occurrence> meetings = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (!o.allDay() && o.start() >= from && o.start() < to && isMeeting(o)) {
                meetings.add(o);
                if (meetings.size() == MAX_PER_DAY) {
                    break;
                }
            }
        }
        return new Day(day, List.copyOf(meetings), allDay(day));
    }

    /** All-day events of {@code day} as the wall's banner lists them (dated in the kiosk's zone). */
    List<Occurrence> allDay(LocalDate day) {
        return overview.allDay(store, day);
    }

    /** The morning of {@code day} in {@code zone} by the kiosk's rules. */
    Morning morning(LocalDate day, ZoneId zone, int maxEvents) {
        return overview.morning(store, day, zone, maxEvents);
    }

    /** A meeting by the kiosk's rules: the wall could show it as the next one. */
    boolean isMeeting(Occurrence o) {
        return !o.allDay() && selector.exclusion(o) == null;
    }
}
