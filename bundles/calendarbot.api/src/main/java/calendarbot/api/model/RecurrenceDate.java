package calendarbot.api.model;

import java.time.Duration;

/** An RDATE value: a date, a date-time, or a period (start plus its own duration). */
public record RecurrenceDate(EventTime start, Duration duration) {
    public static RecurrenceDate of(EventTime start) {
        return new RecurrenceDate(start, null);
    }
}
