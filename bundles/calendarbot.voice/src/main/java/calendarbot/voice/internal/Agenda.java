package calendarbot.voice.internal;

import calendarbot.api.EventStore;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The calendar as the kiosk page sees it, asked from another time zone. What is a meeting is never decided here:
 * the kiosk's {@link MeetingSelector} chooses the next meeting and the one in progress, and its
 * {@link MeetingSelector#exclusion exclusion} says which occurrences are no meetings (free, cancelled, declined,
 * skipped, a focus-time keyword), so the voice and the wall cannot disagree. All-day events are what the wall's
 * banner lists: all but cancelled, deleted, declined and skipped ones.
 *
 * @param store the event store
 * @param selector the kiosk's meeting selection
 * @param skips the kiosk's skip list, or null
 * @param kiosk the kiosk's settings (its zone places all-day dates, its skip keywords mark focus time)
 * @param now the kiosk's "now"
 */
record Agenda(EventStore store, MeetingSelector selector, SkipList skips, KioskSettings kiosk, Instant now) {

    /** More than anyone has in a day; bounds the work of one request. */
    static final int MAX_PER_DAY = 200;
    /** calendarbot_lite counts a meeting without a length as one hour. */
    static final long DEFAULT_LENGTH_SECONDS = 3600;

    /** Timed meetings starting on {@code day} and all-day events covering it, both in start order. */
    record Day(LocalDate day, List<Occurrence> meetings, List<Occurrence> allDay) {

        boolean isEmpty() {
            return meetings.isEmpty() && allDay.isEmpty();
        }

        /** The meeting that ends last (ends are {@link #end(Occurrence)}), or null. */
        Occurrence last() {
            Occurrence last = null;
            for (Occurrence o : meetings) {
                if (last == null || end(o) > end(last) || end(o) == end(last) && o.start() > last.start()) {
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

    /**
     * All-day events of {@code day}. Their occurrences sit at midnight of the kiosk's zone, so the date is taken
     * there, whatever zone the question came in: an all-day event is a date, not a span of time.
     */
    List<Occurrence> allDay(LocalDate day) {
        ZoneId kioskZone = kiosk.zone();
        long from = day.atStartOfDay(kioskZone).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(kioskZone).toEpochSecond();
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (o.allDay() && covers(o, day, kioskZone) && onBanner(o)) {
                result.add(o);
                if (result.size() == MAX_PER_DAY) {
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    /** Timed occurrences overlapping [from, to), by start. */
    List<Occurrence> timed(long from, long to) {
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (!o.allDay() && o.start() < to && end(o) > from) {
                result.add(o);
                if (result.size() == MAX_PER_DAY) {
                    break;
                }
            }
        }
        result.sort(Comparator.comparingLong(Occurrence::start));
        return result;
    }

    /** A meeting by the kiosk's rules: the wall could show it as the next one. */
    boolean isMeeting(Occurrence o) {
        return !o.allDay() && selector.exclusion(o) == null;
    }

    /**
     * Focus time: a timed block that is no meeting only because its subject has one of the kiosk's skip keywords.
     * It is never counted as a meeting, but the time it takes is not free.
     */
    boolean isFocusTime(Occurrence o) {
        ParsedEvent e = o.event();
        if (o.allDay() || e.isFree() || "DECLINED".equalsIgnoreCase(e.myPartStat()) || isSkipped(o)) {
            return false;
        }
        String subject = e.summary() == null ? "" : e.summary().toLowerCase(Locale.ROOT);
        for (String word : kiosk.skipKeywords()) {
            if (!word.isEmpty() && subject.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private boolean onBanner(Occurrence o) {
        ParsedEvent e = o.event();
        return !"CANCELLED".equals(e.status()) && !e.outlookDeleted() && !"DECLINED".equalsIgnoreCase(e.myPartStat())
                && !isSkipped(o);
    }

    private boolean isSkipped(Occurrence o) {
        SkipList s = skips;
        return s != null && s.isSkipped(o.id());
    }

    /** The end used for "done for the day": a meeting without a length lasts an hour, as in calendarbot_lite. */
    static long end(Occurrence o) {
        return o.end() > o.start() ? o.end() : o.start() + DEFAULT_LENGTH_SECONDS;
    }

    /** True when the all-day occurrence {@code o} (dates in {@code kioskZone}) covers {@code day}. */
    static boolean covers(Occurrence o, LocalDate day, ZoneId kioskZone) {
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(o.start()), kioskZone);
        LocalDate end = LocalDate.ofInstant(Instant.ofEpochSecond(o.end()), kioskZone);
        LocalDate last = end.isAfter(first) ? end.minusDays(1) : first;
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
