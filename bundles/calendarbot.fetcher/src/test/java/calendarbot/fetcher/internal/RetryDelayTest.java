package calendarbot.fetcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryDelayTest {

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        long now = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli();
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.parse("2026-01-05T08:01:30Z").atOffset(ZoneOffset.UTC));

        assertEquals(1000, RetryDelay.retryAfterMillis("1", now));
        assertEquals(120_000, RetryDelay.retryAfterMillis(" 120 ", now));
        assertEquals(90_000, RetryDelay.retryAfterMillis(inNinetySeconds, now));
        assertEquals(0, RetryDelay.retryAfterMillis("Mon, 05 Jan 2026 07:00:00 GMT", now), "a past date: now");
        assertEquals(-1, RetryDelay.retryAfterMillis(null, now));
        assertEquals(-1, RetryDelay.retryAfterMillis("soon", now));
        assertTrue(RetryDelay.retryAfterMillis("99999999999999999999", now) > 3_600_000L, "huge, then capped");
    }

    @Test
    void backoffCapDoublesUpToTheMaximum() {
        assertEquals(1000, RetryDelay.cap(1, 1000, 30_000));
        assertEquals(2000, RetryDelay.cap(2, 1000, 30_000));
        assertEquals(16_000, RetryDelay.cap(5, 1000, 30_000));
        assertEquals(30_000, RetryDelay.cap(6, 1000, 30_000));
        assertEquals(30_000, RetryDelay.cap(500, 1000, 30_000));
    }

    @Test
    void fullJitterStaysWithinTheCap() {
        for (int retry = 1; retry <= 8; retry++) {
            for (int i = 0; i < 50; i++) {
                long delay = RetryDelay.fullJitter(retry, 100, 5000);
                assertTrue(delay >= 0 && delay <= RetryDelay.cap(retry, 100, 5000), retry + ": " + delay);
            }
        }
    }
}
