package calendarbot.refresh.internal;

import java.time.Duration;
import java.util.Random;

/**
 * When a source is fetched next: every interval, moved by up to the jitter so that sources do not fetch in
 * lockstep; after failures 30 s, doubling with each one, up to the longest retry delay.
 */
record RefreshTiming(Duration interval, Duration jitter, Duration maxBackoff) {

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    /** The configured seconds, clamped to what the Metatype form allows; the jitter to half the interval. */
    static RefreshTiming ofSeconds(int intervalSeconds, int jitterSeconds, int maxBackoffSeconds) {
        int interval = clamp(intervalSeconds, 30, 86_400);
        return new RefreshTiming(Duration.ofSeconds(interval),
                Duration.ofSeconds(clamp(jitterSeconds, 0, interval / 2)),
                Duration.ofSeconds(clamp(maxBackoffSeconds, 30, 86_400)));
    }

    /**
     * The wait before the next fetch of a source that has failed {@code failures} times in a row; a server's
     * Retry-After (or null) is honoured after a failure, up to the longest retry delay.
     */
    Duration nextDelay(int failures, Duration retryAfter, Random random) {
        Duration next = nextDelay(failures, random);
        if (retryAfter != null && failures > 0) {
            Duration asked = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
            return asked.compareTo(next) > 0 ? asked : next;
        }
        return next;
    }

    /** The wait before the next fetch of a source that has failed {@code failures} times in a row. */
    Duration nextDelay(int failures, Random random) {
        if (failures > 0) {
            long factor = 1L << Math.min(failures - 1, 20);
            Duration backoff = FIRST_RETRY.multipliedBy(factor);
            return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
        }
        long jitterMillis = jitter.toMillis();
        long offset = jitterMillis == 0 ? 0 : random.nextLong(2 * jitterMillis + 1) - jitterMillis;
        return interval.plusMillis(offset);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
