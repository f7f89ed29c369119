package calendarbot.api;

import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One day of the calendar by the kiosk's rules (configuration {@code calendarbot.kiosk}), for answers about a day
 * rather than the next meeting: what counts as a meeting is {@link MeetingSelector#exclusion}'s, so such answers and
 * the wall cannot disagree.
 */
@ProviderType
public interface DayOverview {

    /** calendarbot_lite looks at no more than 50 events of a morning. */
    int MAX_MORNING_EVENTS = 50;

    /**
     * The all-day events covering {@code day} as the wall's banner lists them (all but cancelled, deleted, declined
     * and skipped ones), in start order. Their dates are the kiosk zone's: an all-day event is a date, not a span.
     */
    List<Occurrence> allDay(EventStore store, LocalDate day);

    /**
     * calendarbot_lite's morning summary of {@code day}: 06:00 to noon in {@code zone}, from the occurrences in
     * {@code store}; at most {@code maxEvents} events (1 to {@link #MAX_MORNING_EVENTS}) are looked at, timed ones
     * first.
     */
    Morning morning(EventStore store, LocalDate day, ZoneId zone, int maxEvents);
}
