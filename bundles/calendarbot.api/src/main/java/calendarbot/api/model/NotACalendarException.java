package calendarbot.api.model;

import java.io.IOException;

/** The body is not an iCalendar stream: empty, HTML, no BEGIN:VCALENDAR, or truncated before END:VCALENDAR. */
public class NotACalendarException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotACalendarException(String message) {
        super(message);
    }
}
