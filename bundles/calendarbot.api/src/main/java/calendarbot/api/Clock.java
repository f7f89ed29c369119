package calendarbot.api;

import java.time.Instant;

/** The one source of "now": real time, or a fixed time for tests and demos (CALENDARBOT_TEST_TIME). */
public interface Clock {
    Instant now();
}
