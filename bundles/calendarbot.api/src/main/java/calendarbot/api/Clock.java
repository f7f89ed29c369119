package calendarbot.api;

import java.time.Instant;

/**
 * The kiosk's "now": decides which meeting is shown. Real time, or a fixed time for tests and demos
 * (CALENDARBOT_TEST_TIME, the kiosk's {@code fixedTime}).
 *
 * <p>Not for time stamps: when something happened or how old it is (last refresh, data age, heartbeats, skip
 * expiry, uptime) is bookkeeping, read from the {@link java.time.InstantSource} service, which is always real time.
 */
public interface Clock {
    Instant now();
}
