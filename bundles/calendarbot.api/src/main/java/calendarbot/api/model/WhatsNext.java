package calendarbot.api.model;

import java.util.List;

/**
 * What the kiosk should show at one instant.
 *
 * @param next the next meeting, or null
 * @param current the meeting in progress, or null
 * @param allDay all-day events of today in the kiosk's zone
 * @param status the status line for {@code next}
 * @param now the instant this answers for, epoch seconds
 */
public record WhatsNext(Occurrence next, Occurrence current, List<Occurrence> allDay, Status status, long now) {

    /** calendarbot_lite's status line. */
    public record Status(String message, boolean urgent, boolean critical) {
    }

    public long secondsUntilStart() {
        return next == null ? 0 : next.start() - now;
    }
}
